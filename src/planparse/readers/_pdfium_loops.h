/* Shared by _pdfium_loops.c and _pdfium_paths.c: pdfium's structs and the table of its functions. */
#ifndef PLANPARSE_PDFIUM_LOOPS_H
#define PLANPARSE_PDFIUM_LOOPS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    float left, top, right, bottom; /* pdfium's FS_RECTF */
} rectf;

typedef struct {
    float a, b, c, d, e, f; /* pdfium's FS_MATRIX */
} matrixf;

/* The pdfium functions called (their names in pdfium_fn_names, same order); bind() fills pdfium_fn[]. */
#define N_CALLS 17
extern const char *const pdfium_fn_names[N_CALLS];
extern void *pdfium_fn[N_CALLS];
#define text_object ((void *(*)(void *, int))pdfium_fn[0])
#define loose_box ((int (*)(void *, int, rectf *))pdfium_fn[1])
#define char_matrix ((int (*)(void *, int, matrixf *))pdfium_fn[2])
#define char_origin ((int (*)(void *, int, double *, double *))pdfium_fn[3])
#define font_size ((double (*)(void *, int))pdfium_fn[4])
#define map_error ((int (*)(void *, int))pdfium_fn[5])
#define count_objects ((int (*)(void *))pdfium_fn[6])
#define get_object ((void *(*)(void *, int))pdfium_fn[7])
#define form_count ((int (*)(void *))pdfium_fn[8])
#define form_object ((void *(*)(void *, unsigned long))pdfium_fn[9])
#define object_type ((int (*)(void *))pdfium_fn[10])
#define object_matrix ((int (*)(void *, matrixf *))pdfium_fn[11])
#define count_segments ((int (*)(void *))pdfium_fn[12])
#define get_segment ((void *(*)(void *, int))pdfium_fn[13])
#define segment_point ((int (*)(void *, float *, float *))pdfium_fn[14])
#define segment_type ((int (*)(void *))pdfium_fn[15])
#define segment_close ((int (*)(void *))pdfium_fn[16])


PyObject *paths(PyObject *self, PyObject *args);

#endif
