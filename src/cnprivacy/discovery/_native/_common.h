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

static inline long digits_value(const char *v, int a, int b) {
    long x = 0;
    for (int i = a; i < b; i++) x = x * 10 + (v[i] - '0');
    return x;
}

/* YYYYMMDD of the birth date of an 18- or 15-digit resident ID (its date digits checked by
 * the caller), 0 if it is not a calendar date. */
static inline long birth_ymd(const char *v, int n) {
    static const int days[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long ymd = n == 18 ? digits_value(v, 6, 14) : 19000000 + digits_value(v, 6, 12);
    long y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
    if (y < 1 || m < 1 || m > 12 || d < 1) return 0;
    if (m == 2 && d == 29) {
        if (!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 0;
    } else if (d > days[m]) {
        return 0;
    }
    return ymd;
}

/* The module of def with its INTERFACE number: the version of its functions' arguments and
 * results. The Python side ignores a build whose number differs from its own (a stale build
 * left in place by an editable install), so it never calls a function of another shape. */
static inline PyObject *module_with_interface(PyModuleDef *def, long interface) {
    PyObject *m = PyModule_Create(def);
    if (m != NULL && PyModule_AddIntConstant(m, "INTERFACE", interface) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

#endif
