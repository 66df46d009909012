/*
 * paths(): pdf_rules' walk over a page's path objects, compiled (see _pdfium_loops.c).
 *
 * Every path object of the page, and of the form XObjects drawn on it (entered
 * with their matrices), in drawing order, gives its subpaths as pdfminer sees
 * them: (shape, points) with shape made of "m" (move), "l" (line), "c" (a curve,
 * only its end point kept) and "h" (closing back to the start), and the points
 * in display space.  pdf_rules._Walker.subpaths is the same in Python.
 */
#include "_pdfium_loops.h"

#define PATH_OBJECT 2 /* FPDF_PAGEOBJ_PATH */
#define FORM_OBJECT 5 /* FPDF_PAGEOBJ_FORM */
#define MOVE_TO 2     /* FPDF_SEGMENT_MOVETO */
#define CURVE_TO 1    /* FPDF_SEGMENT_BEZIERTO */
#define MAX_FORM_DEPTH 256

typedef struct {
    double p, q, r, s, tx, ty; /* the frame: user space -> display */
    float x, y;                /* the last point pdfium gave (kept when it gives none, as ctypes buffers are) */
    PyObject *out;
} walker;

static const double IDENTITY[6] = {1.0, 0.0, 0.0, 1.0, 0.0, 0.0};

/* m then n, PDF row-vector convention (pdf_rules._times). */
static void times(const double *m, const double *n, double *out) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    double p = n[0], q = n[1], r = n[2], s = n[3], t = n[4], u = n[5];
    out[0] = a * p + b * r;
    out[1] = a * q + b * s;
    out[2] = c * p + d * r;
    out[3] = c * q + d * s;
    out[4] = e * p + f * r + t;
    out[5] = e * q + f * s + u;
}

static void matrix_of(void *obj, double *m) {
    matrixf got;
    if (!object_matrix(obj, &got)) {
        memcpy(m, IDENTITY, sizeof IDENTITY);
        return;
    }
    m[0] = got.a, m[1] = got.b, m[2] = got.c, m[3] = got.d, m[4] = got.e, m[5] = got.f;
}

/* Append (shape, points) to w->out; steals points. */
static int emit(walker *w, const char *shape, Py_ssize_t len, PyObject *points) {
    PyObject *item = Py_BuildValue("(s#N)", shape, len, points);
    if (!item)
        return -1;
    int failed = PyList_Append(w->out, item);
    Py_DECREF(item);
    return failed;
}

/* The subpaths of one path object drawn with matrix m. */
static int subpaths(walker *w, void *path, const double *m) {
    const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    Py_ssize_t len = 0, cap = 64; /* shape grows by at most two letters a segment */
    char *shape = PyMem_Malloc(cap);
    if (!shape) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *pts = NULL;
    int pending_curve = 0;
    const int n = count_segments(path);
    for (int i = 0; i < n; i++) {
        if (len + 2 > cap) {
            char *grown = PyMem_Realloc(shape, cap *= 2);
            if (!grown) {
                PyErr_NoMemory();
                goto fail;
            }
            shape = grown;
        }
        void *seg = get_segment(path, i);
        const int kind = segment_type(seg);
        segment_point(seg, &w->x, &w->y);
        const double x = w->x, y = w->y;
        const double ux = a * x + c * y + e, uy = b * x + d * y + f;
        PyObject *point = Py_BuildValue("(dd)", w->p * ux + w->q * uy + w->tx, w->r * ux + w->s * uy + w->ty);
        if (!point)
            goto fail;
        int keep = 1;
        if (kind == MOVE_TO) {
            if (len && emit(w, shape, len, pts) < 0) {
                pts = NULL; /* emit took it */
                Py_DECREF(point);
                goto fail;
            }
            if (!len)
                Py_XDECREF(pts);
            pts = PyList_New(0);
            len = 0;
            if (!pts) {
                Py_DECREF(point);
                goto fail;
            }
            shape[len++] = 'm';
        } else if (kind == CURVE_TO) {
            /* pdfium gives a curve as three points; pdfminer keeps its end point */
            if (++pending_curve == 3) {
                pending_curve = 0;
                shape[len++] = 'c';
            } else {
                keep = 0;
            }
        } else {
            shape[len++] = 'l';
        }
        if (keep) {
            if (!pts && !(pts = PyList_New(0))) {
                Py_DECREF(point);
                goto fail;
            }
            if (PyList_Append(pts, point) < 0) {
                Py_DECREF(point);
                goto fail;
            }
        }
        Py_DECREF(point);
        if (segment_close(seg) && pts && PyList_GET_SIZE(pts)) {
            shape[len++] = 'h';
            if (PyList_Append(pts, PyList_GET_ITEM(pts, 0)) < 0)
                goto fail;
        }
    }
    int result = len ? emit(w, shape, len, pts) : 0;
    if (!len)
        Py_XDECREF(pts);
    PyMem_Free(shape);
    return result;
fail:
    Py_XDECREF(pts);
    PyMem_Free(shape);
    return -1;
}

/* The paths of a page (form == 0) or of a form XObject drawn with outer. */
static int walk(walker *w, void *holder, int form, const double *outer, int depth) {
    if (depth > MAX_FORM_DEPTH) {
        PyErr_SetString(PyExc_RecursionError, "form XObjects nested too deep");
        return -1;
    }
    const int count = form ? form_count(holder) : count_objects(holder);
    for (int i = 0; i < count; i++) {
        void *obj = form ? form_object(holder, (unsigned long)i) : get_object(holder, i);
        const int kind = object_type(obj);
        if (kind != PATH_OBJECT && kind != FORM_OBJECT)
            continue;
        double m[6], drawn[6];
        matrix_of(obj, m);
        if (outer != IDENTITY) /* as pdf_rules: a page's own paths are not multiplied by the identity */
            times(m, outer, drawn);
        else if (kind == FORM_OBJECT)
            times(m, IDENTITY, drawn);
        else
            memcpy(drawn, m, sizeof drawn);
        if (kind == PATH_OBJECT ? subpaths(w, obj, drawn) : walk(w, obj, 1, drawn, depth + 1))
            return -1;
    }
    return 0;
}

PyObject *paths(PyObject *self, PyObject *args) {
    (void)self;
    unsigned long long page;
    walker w;
    memset(&w, 0, sizeof w);
    if (!PyArg_ParseTuple(args, "K(dddddd)", &page, &w.p, &w.q, &w.r, &w.s, &w.tx, &w.ty))
        return NULL;
    if (!pdfium_fn[0]) {
        PyErr_SetString(PyExc_RuntimeError, "bind() was not called");
        return NULL;
    }
    if (!(w.out = PyList_New(0)))
        return NULL;
    if (walk(&w, (void *)(uintptr_t)page, 0, IDENTITY, 0) < 0) {
        Py_DECREF(w.out);
        return NULL;
    }
    return w.out;
}
