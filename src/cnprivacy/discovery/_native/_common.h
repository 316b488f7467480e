/* Helpers shared by the accelerators: span tuples and character-class walks.
 *
 * The walks read the text's own storage (1, 2 or 4 bytes per character) in a loop per
 * width: on Chinese text (2 bytes) that is a load and a table look-up per character instead
 * of PyUnicode_READ's width switch. classes has one byte per BMP character; characters
 * beyond the BMP have no class bits.
 */
#ifndef CNPRIVACY_NATIVE_COMMON_H
#define CNPRIVACY_NATIVE_COMMON_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* (start, end) or (start, end, type) as a new tuple; NULL on error. */
static inline PyObject *span_tuple(Py_ssize_t s, Py_ssize_t e, PyObject *type) {
    PyObject *t = PyTuple_New(type ? 3 : 2);
    if (t == NULL) return NULL;
    PyObject *a = PyLong_FromSsize_t(s), *b = PyLong_FromSsize_t(e);
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_DECREF(t);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, b);
    if (type) {
        Py_INCREF(type);
        PyTuple_SET_ITEM(t, 2, type);
    }
    return t;
}

/* Append a span tuple to out: 0, or -1 on error. */
static inline int push_span(PyObject *out, Py_ssize_t s, Py_ssize_t e, PyObject *type) {
    PyObject *t = span_tuple(s, e, type);
    if (t == NULL) return -1;
    int rc = PyList_Append(out, t);
    Py_DECREF(t);
    return rc;
}

/* The first index >= i (and < len) whose character has a bit of mask (want = 1) or has none
 * (want = 0); len when there is none. */
static inline Py_ssize_t class_walk(int kind, const void *data, Py_ssize_t i, Py_ssize_t len,
                                    const unsigned char *classes, int mask, int want) {
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = data;
        while (i < len && (classes[d[i]] & mask ? 1 : 0) != want) i++;
    } else if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data;
        while (i < len && (classes[d[i]] & mask ? 1 : 0) != want) i++;
    } else {
        const Py_UCS4 *d = data;
        while (i < len && ((d[i] <= 0xFFFF && (classes[d[i]] & mask)) ? 1 : 0) != want) i++;
    }
    return i;
}

#endif
