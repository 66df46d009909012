/*
 * planparse.readers._pdfium_loops: the PDF reader's two loops over pdfium calls, compiled.
 *
 * - segments(): pdf_chars.segments' loop.  It cuts a page's characters into
 *   segments (runs of non-space characters inside one text object) and asks
 *   pdfium for the loose boxes of each segment's first and last character and
 *   for the facts of each text object (Reader.obj);
 * - paths(): pdf_rules' walk over the page's path objects (form XObjects
 *   entered with their matrices), giving every subpath as pdfminer sees it.
 *
 * In Python these are about 0.6 ms a page, most of it ctypes call overhead
 * (a few calls per word and per path segment).  Here pdfium is called directly
 * through the addresses of the functions pypdfium2's bundled library exports
 * (bind(), in the order of CALLS), so there is no build-time dependency on
 * pdfium.  Only the common case of segments() is done here; the rest is handed
 * back to the Python code (segment, cut and shape callbacks).
 *
 * The Python loops stay the reference and the fallback: tests/test_reader_pdf_fast.py
 * checks that both give the same segments and subpaths on every PDF at hand.
 * The arithmetic is the Python code's, in the same order, on doubles (built
 * with -ffp-contract=off, so no fused multiply-add changes a rounding).
 */
#include "_pdfium_loops.h"

const char *const pdfium_fn_names[N_CALLS] = {
    "FPDFText_GetTextObject",   "FPDFText_GetLooseCharBox", "FPDFText_GetMatrix",          "FPDFText_GetCharOrigin",
    "FPDFText_GetFontSize",     "FPDFText_HasUnicodeMapError", "FPDFPage_CountObjects",    "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject",    "FPDFPageObj_GetType",         "FPDFPageObj_GetMatrix",
    "FPDFPath_CountSegments",   "FPDFPath_GetPathSegment",  "FPDFPathSegment_GetPoint",    "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose",
};
void *pdfium_fn[N_CALLS];

static PyObject *bind(PyObject *self, PyObject *args) {
    (void)self;
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) != N_CALLS) {
        PyErr_Format(PyExc_TypeError, "bind() takes the %d addresses of CALLS", N_CALLS);
        return NULL;
    }
    void *got[N_CALLS];
    for (int i = 0; i < N_CALLS; i++) {
        got[i] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(args, i));
        if (!got[i]) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "null address for %s", pdfium_fn_names[i]);
            return NULL;
        }
    }
    memcpy(pdfium_fn, got, sizeof pdfium_fn);
    Py_RETURN_NONE;
}

/* What one call of segments() knows: the page, its frame, the text objects' facts, the callbacks. */
#define MAX_SHAPES 16
typedef struct {
    void *tp;
    double p, q, r, s, tx, ty; /* the frame (Reader.affine) */
    PyObject *objects;         /* Reader.objects: address -> facts */
    PyObject *shape;           /* Reader._shape(a, b, c, d, e, f) -> (kind, upright, ccw, up) */
    int n_shapes;              /* character matrices met, by their bits (Reader._shapes) */
    unsigned int shape_bits[MAX_SHAPES][4];
    PyObject *shapes[MAX_SHAPES];
} page_ctx;

/* The shape of a character matrix, worked out once per distinct matrix (borrowed from ctx, or new in *made). */
static PyObject *shape_of(page_ctx *ctx, const matrixf *m, PyObject **made) {
    unsigned int bits[4];
    memcpy(bits, m, sizeof bits);
    for (int i = 0; i < ctx->n_shapes; i++)
        if (!memcmp(bits, ctx->shape_bits[i], sizeof bits))
            return ctx->shapes[i];
    PyObject *shape = PyObject_CallFunction(ctx->shape, "dddddd", (double)m->a, (double)m->b, (double)m->c,
                                            (double)m->d, (double)m->e, (double)m->f);
    if (!shape)
        return NULL;
    if (!PyTuple_Check(shape) || PyTuple_GET_SIZE(shape) != 4) {
        Py_DECREF(shape);
        PyErr_SetString(PyExc_TypeError, "_shape() must give (kind, upright, ccw, up)");
        return NULL;
    }
    if (ctx->n_shapes < MAX_SHAPES) {
        memcpy(ctx->shape_bits[ctx->n_shapes], bits, sizeof bits);
        ctx->shapes[ctx->n_shapes++] = shape;
    } else {
        *made = shape;
    }
    return shape;
}

/* Reader.obj: the facts of the character's text object, stored in objects under its address (a new reference). */
static PyObject *learn(page_ctx *ctx, int index, void *address, PyObject *key) {
    matrixf m;
    double x = 0, y = 0;
    PyObject *info;
    if (!(address && char_matrix(ctx->tp, index, &m) && char_origin(ctx->tp, index, &x, &y))) {
        info = Py_BuildValue("(lOOddO)", 2L, Py_True, Py_False, 0.0, 0.0, Py_False); /* OTHER: loose boxes only */
    } else {
        double size = font_size(ctx->tp, index);
        PyObject *made = NULL;
        PyObject *shape = shape_of(ctx, &m, &made);
        if (!shape)
            return NULL;
        long kind = PyLong_AsLong(PyTuple_GET_ITEM(shape, 0));
        double up = PyFloat_AsDouble(PyTuple_GET_ITEM(shape, 3));
        if ((kind == -1 || up == -1.0) && PyErr_Occurred()) {
            Py_XDECREF(made);
            return NULL;
        }
        double lo, hi;
        if (kind == 0) { /* ACROSS */
            double oy = ctx->r * x + ctx->s * y + ctx->ty;
            lo = oy + up * size;
            hi = oy;
        } else if (kind == 1) { /* DOWN */
            double ox = ctx->p * x + ctx->q * y + ctx->tx;
            lo = ox;
            hi = ox + up * size;
        } else {
            lo = 0.0;
            hi = 0.0;
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        PyObject *cid = map_error(ctx->tp, index) != 0 ? Py_True : Py_False;
        info = Py_BuildValue("(OOOddO)", PyTuple_GET_ITEM(shape, 0), PyTuple_GET_ITEM(shape, 1),
                             PyTuple_GET_ITEM(shape, 2), lo, hi, cid);
        Py_XDECREF(made);
    }
    if (info && PyDict_SetItem(ctx->objects, key, info) < 0)
        Py_CLEAR(info);
    return info;
}

/* x0, x1 of a character's loose box along the baseline: p * left + tx, p * right + tx, ordered. */
static void along(void *tp, int index, double p, double tx, double *lo, double *hi) {
    rectf r = {0, 0, 0, 0};
    loose_box(tp, index, &r);
    double a = p * (double)r.left + tx, b = p * (double)r.right + tx;
    if (!(a <= b)) {
        double t = a;
        a = b;
        b = t;
    }
    *lo = a;
    *hi = b;
}

static PyObject *box4(double x0, PyObject *top, double x1, PyObject *bottom) {
    PyObject *a = PyFloat_FromDouble(x0), *b = PyFloat_FromDouble(x1);
    if (!a || !b) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        return NULL;
    }
    Py_INCREF(top);
    Py_INCREF(bottom);
    PyObject *t = PyTuple_New(4);
    if (!t) {
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(top);
        Py_DECREF(bottom);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, top);
    PyTuple_SET_ITEM(t, 2, b);
    PyTuple_SET_ITEM(t, 3, bottom);
    return t;
}

/* The segment tuple (lo, a, k, start, end, run, obj, head, tail, box); steals head, tail and box. */
static PyObject *seg_tuple(PyObject *lo, PyObject *x0, Py_ssize_t k, Py_ssize_t start, Py_ssize_t end, PyObject *run,
                           PyObject *obj, PyObject *head, PyObject *tail, PyObject *box) {
    PyObject *t = PyTuple_New(10);
    PyObject *kk = PyLong_FromSsize_t(k), *s = PyLong_FromSsize_t(start), *e = PyLong_FromSsize_t(end);
    if (!t || !kk || !s || !e) {
        Py_XDECREF(t);
        Py_XDECREF(kk);
        Py_XDECREF(s);
        Py_XDECREF(e);
        Py_DECREF(head);
        Py_DECREF(tail);
        Py_DECREF(box);
        return NULL;
    }
    Py_INCREF(lo);
    Py_INCREF(x0);
    Py_INCREF(run);
    Py_INCREF(obj);
    PyTuple_SET_ITEM(t, 0, lo);
    PyTuple_SET_ITEM(t, 1, x0);
    PyTuple_SET_ITEM(t, 2, kk);
    PyTuple_SET_ITEM(t, 3, s);
    PyTuple_SET_ITEM(t, 4, e);
    PyTuple_SET_ITEM(t, 5, run);
    PyTuple_SET_ITEM(t, 6, obj);
    PyTuple_SET_ITEM(t, 7, head);
    PyTuple_SET_ITEM(t, 8, tail);
    PyTuple_SET_ITEM(t, 9, box);
    return t;
}

/* The common-case segment of characters start..end in a known horizontal object (see module doc). */
static PyObject *inline_segment(void *tp, double p, double tx, Py_ssize_t k, Py_ssize_t start, Py_ssize_t end,
                                PyObject *run, PyObject *obj) {
    PyObject *lo = PyTuple_GET_ITEM(obj, 3), *hi = PyTuple_GET_ITEM(obj, 4);
    double a, b;
    along(tp, (int)start, p, tx, &a, &b);
    PyObject *head = box4(a, lo, b, hi);
    if (!head)
        return NULL;
    PyObject *x0 = PyTuple_GET_ITEM(head, 0);
    if (end == start) {
        Py_INCREF(head);
        Py_INCREF(head);
        return seg_tuple(lo, x0, k, start, end, run, obj, head, head, head);
    }
    double c, d;
    along(tp, (int)end, p, tx, &c, &d);
    PyObject *tail = box4(c, lo, d, hi);
    PyObject *box = box4(c < a ? c : a, lo, d > b ? d : b, hi);
    if (!tail || !box) {
        Py_DECREF(head);
        Py_XDECREF(tail);
        Py_XDECREF(box);
        return NULL;
    }
    return seg_tuple(lo, x0, k, start, end, run, obj, head, tail, box);
}

/* segments(tp, text, affine, inline, objects, shape, segment, cut) -> list of segments (pdf_chars.segments). */
static PyObject *segments(PyObject *self, PyObject *args) {
    unsigned long long address;
    PyObject *text, *segment, *cut;
    long inline_kind;
    page_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    if (!PyArg_ParseTuple(args, "KU(dddddd)lO!OOO", &address, &text, &ctx.p, &ctx.q, &ctx.r, &ctx.s, &ctx.tx, &ctx.ty,
                          &inline_kind, &PyDict_Type, &ctx.objects, &ctx.shape, &segment, &cut))
        return NULL;
    (void)self;
    if (!pdfium_fn[0]) {
        PyErr_SetString(PyExc_RuntimeError, "bind() was not called");
        return NULL;
    }
    void *tp = ctx.tp = (void *)(uintptr_t)address;
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *segs = PyList_New(0);
    if (!segs)
        return NULL;
    void *last_address = NULL; /* the text object met last and its facts (a new reference) */
    PyObject *last_obj = NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        if (i >= n)
            break;
        const Py_ssize_t start = i;
        while (i < n && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            i++;
        const Py_ssize_t end = i - 1;
        void *first = text_object(tp, (int)start);
        if (end != start && text_object(tp, (int)end) != first) {
            PyObject *r = PyObject_CallFunction(cut, "OOnnK", segs, text, start, end, (unsigned long long)(uintptr_t)first);
            if (!r)
                goto fail;
            Py_DECREF(r);
            continue;
        }
        if (first != last_address || !last_obj) {
            PyObject *key = PyLong_FromUnsignedLongLong((unsigned long long)(uintptr_t)first);
            if (!key)
                goto fail;
            PyObject *obj = PyDict_GetItemWithError(ctx.objects, key);
            if (obj)
                Py_INCREF(obj);
            else if (!PyErr_Occurred())
                obj = learn(&ctx, (int)start, first, key);
            Py_DECREF(key);
            if (!obj)
                goto fail;
            Py_XSETREF(last_obj, obj);
            last_address = first;
            if (!PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) < 5) {
                PyErr_SetString(PyExc_TypeError, "a text object's facts must be (kind, upright, ccw, lo, hi, cid)");
                goto fail;
            }
        }
        const Py_ssize_t k = PyList_GET_SIZE(segs);
        PyObject *run = PyUnicode_Substring(text, start, end + 1);
        if (!run)
            goto fail;
        PyObject *seg;
        long obj_kind = PyLong_AsLong(PyTuple_GET_ITEM(last_obj, 0));
        if (obj_kind == -1 && PyErr_Occurred()) {
            Py_DECREF(run);
            goto fail;
        }
        if (obj_kind != inline_kind)
            seg = PyObject_CallFunction(segment, "nnnOO", k, start, end, run, last_obj);
        else
            seg = inline_segment(tp, ctx.p, ctx.tx, k, start, end, run, last_obj);
        Py_DECREF(run);
        if (!seg)
            goto fail;
        int failed = PyList_Append(segs, seg);
        Py_DECREF(seg);
        if (failed)
            goto fail;
    }
    Py_XDECREF(last_obj);
    for (int j = 0; j < ctx.n_shapes; j++)
        Py_DECREF(ctx.shapes[j]);
    return segs;
fail:
    Py_XDECREF(last_obj);
    for (int j = 0; j < ctx.n_shapes; j++)
        Py_DECREF(ctx.shapes[j]);
    Py_DECREF(segs);
    return NULL;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_VARARGS, "bind(*addresses): the addresses of the pdfium functions named in CALLS."},
    {"segments", segments, METH_VARARGS,
     "segments(textpage, text, affine, inline, objects, shape, segment, cut) -> list: pdf_chars.segments' loop."},
    {"paths", paths, METH_VARARGS, "paths(page, frame) -> list of (shape, points): pdf_rules' walk over the paths."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_loops", "The PDF reader's loops over pdfium calls, compiled (see pdf_chars).",
    -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__pdfium_loops(void) {
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    PyObject *names = PyTuple_New(N_CALLS);
    if (!names) {
        Py_DECREF(m);
        return NULL;
    }
    for (int i = 0; i < N_CALLS; i++) {
        PyObject *name = PyUnicode_FromString(pdfium_fn_names[i]);
        if (!name) {
            Py_DECREF(names);
            Py_DECREF(m);
            return NULL;
        }
        PyTuple_SET_ITEM(names, i, name);
    }
    if (PyModule_AddObject(m, "CALLS", names) < 0) {
        Py_DECREF(names);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
