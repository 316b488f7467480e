/* Decoding the accurate name finder's linear-chain CRF (pitypes/name_crf.py).
 *
 * CRFsuite's tagger (python-crfsuite) spends most of its time turning each feature string
 * into bytes and looking it up in the model's on-disk hash table, two thirds of the accurate
 * finder's time. Here the strings are looked up in a Python dict built once from the same
 * model file (their hashes are cached on the str objects), and the rest is the few
 * arithmetic loops of a chain of three labels.
 *
 * The results are CRFsuite's: the state scores add the same weights in the same order
 * (attribute by attribute, as the item lists them), Viterbi keeps the first of equal scores
 * as crf1dc_viterbi does, and the marginals follow crf1dc_alpha_score, crf1dc_beta_score and
 * crf1dc_marginal_point (scaled forward-backward in the exp domain). tests/discovery checks tags
 * and marginals against python-crfsuite on real sentences.
 */
#include "_common.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* A read-only buffer of doubles from a Python object (an array('d')); 0 or -1. */
static int doubles(PyObject *obj, Py_buffer *view, Py_ssize_t want, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != sizeof(double) || view->format == NULL ||
        strcmp(view->format, "d") != 0 || (want >= 0 && view->len != want * (Py_ssize_t)sizeof(double))) {
        PyBuffer_Release(view);
        if (want >= 0)
            PyErr_Format(PyExc_ValueError, "%s: expected %zd doubles", what, want);
        else
            PyErr_Format(PyExc_ValueError, "%s: expected an array of doubles", what);
        return -1;
    }
    return 0;
}

/* scores(feats, index, weights, L) -> array bytes of len(feats) * L doubles: the state score
 * of each label at each position, the sum of the weights of the position's attributes that
 * the model knows (index: attribute -> row of weights, L doubles a row). */
static PyObject *scores(PyObject *self, PyObject *args) {
    PyObject *feats, *index, *wobj;
    int L;
    if (!PyArg_ParseTuple(args, "O!O!Oi", &PyList_Type, &feats, &PyDict_Type, &index, &wobj, &L))
        return NULL;
    if (L <= 0 || L > 64) {
        PyErr_SetString(PyExc_ValueError, "scores: bad number of labels");
        return NULL;
    }
    Py_buffer wv;
    if (doubles(wobj, &wv, -1, "scores weights") < 0) return NULL;
    const double *w = wv.buf;
    Py_ssize_t rows = wv.len / (Py_ssize_t)sizeof(double) / L;
    Py_ssize_t T = PyList_GET_SIZE(feats);
    PyObject *out = PyBytes_FromStringAndSize(NULL, T * L * (Py_ssize_t)sizeof(double));
    if (out == NULL) {
        PyBuffer_Release(&wv);
        return NULL;
    }
    double *state = (double *)PyBytes_AS_STRING(out);
    for (Py_ssize_t t = 0; t < T; t++) {
        double *s = state + t * L;
        for (int l = 0; l < L; l++) s[l] = 0.0;
        PyObject *item = PyList_GET_ITEM(feats, t);
        if (!PyList_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "scores: each position must be a list");
            goto fail;
        }
        Py_ssize_t n = PyList_GET_SIZE(item);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *key = PyList_GET_ITEM(item, i);
            PyObject *row = PyDict_GetItemWithError(index, key);
            if (row == NULL && !PyErr_Occurred() && PyUnicode_Check(key)) {
                /* CRFsuite reads an attribute as a C string, up to its first NUL (the
                 * model's keys never hold one): look that prefix up, as it does. */
                Py_ssize_t nul = PyUnicode_FindChar(key, 0, 0, PyUnicode_GET_LENGTH(key), 1);
                if (nul >= 0) {
                    PyObject *prefix = PyUnicode_Substring(key, 0, nul);
                    if (prefix == NULL) goto fail;
                    row = PyDict_GetItemWithError(index, prefix);
                    Py_DECREF(prefix); /* row is borrowed from the dict, which holds its key */
                }
            }
            if (row == NULL) {
                if (PyErr_Occurred()) goto fail;
                continue; /* an attribute the model never kept: CRFsuite skips it too */
            }
            Py_ssize_t r = PyLong_AsSsize_t(row);
            if (r < 0 || r >= rows) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_ValueError, "scores: row out of range");
                goto fail;
            }
            const double *wr = w + r * L;
            for (int l = 0; l < L; l++) s[l] += wr[l];
        }
    }
    PyBuffer_Release(&wv);
    return out;
fail:
    PyBuffer_Release(&wv);
    Py_DECREF(out);
    return NULL;
}

/* The arguments (state, trans, L) of viterbi and marginals, checked: the state scores
 * (bytes), the transitions (L * L doubles, from i to j at i * L + j, a buffer to release),
 * T and L; 0 or -1. */
static int chain(PyObject *args, Py_buffer *trans, const double **state, Py_ssize_t *T,
                 int *labels) {
    PyObject *sobj, *tobj;
    if (!PyArg_ParseTuple(args, "OOi", &sobj, &tobj, labels)) return -1;
    int L = *labels;
    if (!PyBytes_Check(sobj)) {
        PyErr_SetString(PyExc_TypeError, "state scores must be bytes");
        return -1;
    }
    if (L <= 0 || L > 64) {
        PyErr_SetString(PyExc_ValueError, "bad number of labels");
        return -1;
    }
    Py_ssize_t size = PyBytes_GET_SIZE(sobj);
    if (size % ((Py_ssize_t)sizeof(double) * L) != 0) {
        PyErr_SetString(PyExc_ValueError, "state scores: not a whole number of positions");
        return -1;
    }
    if (doubles(tobj, trans, (Py_ssize_t)L * L, "transitions") < 0) return -1;
    *state = (const double *)PyBytes_AS_STRING(sobj);
    *T = size / ((Py_ssize_t)sizeof(double) * L);
    return 0;
}

/* viterbi(state, trans, L) -> bytes of label ids, the best tagging (crf1dc_viterbi). */
static PyObject *viterbi(PyObject *self, PyObject *args) {
    Py_buffer tv;
    const double *state;
    Py_ssize_t T;
    int L;
    if (chain(args, &tv, &state, &T, &L) < 0) return NULL;
    const double *trans = tv.buf;
    PyObject *out = PyBytes_FromStringAndSize(NULL, T);
    double *score = PyMem_Malloc(sizeof(double) * (size_t)(T > 0 ? T : 1) * (size_t)L);
    int *back = PyMem_Malloc(sizeof(int) * (size_t)(T > 0 ? T : 1) * (size_t)L);
    if (out == NULL || score == NULL || back == NULL) {
        Py_XDECREF(out);
        PyMem_Free(score);
        PyMem_Free(back);
        PyBuffer_Release(&tv);
        return out == NULL ? NULL : PyErr_NoMemory();
    }
    char *labels = PyBytes_AS_STRING(out);
    if (T > 0) {
        for (int j = 0; j < L; j++) score[j] = state[j];
        for (Py_ssize_t t = 1; t < T; t++) {
            const double *prev = score + (t - 1) * L;
            double *cur = score + t * L;
            for (int j = 0; j < L; j++) {
                double best = -DBL_MAX;
                int arg = -1;
                for (int i = 0; i < L; i++) {
                    double s = prev[i] + trans[i * L + j];
                    if (best < s) {
                        best = s;
                        arg = i;
                    }
                }
                back[t * L + j] = arg >= 0 ? arg : 0;
                cur[j] = best + state[t * L + j];
            }
        }
        const double *last = score + (T - 1) * L;
        double best = -DBL_MAX;
        int y = 0;
        for (int i = 0; i < L; i++) {
            if (best < last[i]) {
                best = last[i];
                y = i;
            }
        }
        labels[T - 1] = (char)y;
        for (Py_ssize_t t = T - 1; t > 0; t--) {
            y = back[t * L + y];
            labels[t - 1] = (char)y;
        }
    }
    PyMem_Free(score);
    PyMem_Free(back);
    PyBuffer_Release(&tv);
    return out;
}

/* marginals(state, trans, L) -> bytes of T * L doubles, the probability of each label at
 * each position (crf1dc_alpha_score, crf1dc_beta_score, crf1dc_marginal_point). */
static PyObject *marginals(PyObject *self, PyObject *args) {
    Py_buffer tv;
    const double *state;
    Py_ssize_t T;
    int L;
    if (chain(args, &tv, &state, &T, &L) < 0) return NULL;
    size_t cells = (size_t)(T > 0 ? T : 1) * (size_t)L;
    PyObject *out = PyBytes_FromStringAndSize(NULL, T * L * (Py_ssize_t)sizeof(double));
    double *es = PyMem_Malloc(sizeof(double) * cells);
    double *alpha = PyMem_Malloc(sizeof(double) * cells);
    double *beta = PyMem_Malloc(sizeof(double) * cells);
    double *scale = PyMem_Malloc(sizeof(double) * (size_t)(T > 0 ? T : 1));
    double *et = PyMem_Malloc(sizeof(double) * (size_t)L * (size_t)L);
    double *row = PyMem_Malloc(sizeof(double) * (size_t)L);
    if (out == NULL || es == NULL || alpha == NULL || beta == NULL || scale == NULL ||
        et == NULL || row == NULL) {
        Py_XDECREF(out);
        PyMem_Free(es); PyMem_Free(alpha); PyMem_Free(beta);
        PyMem_Free(scale); PyMem_Free(et); PyMem_Free(row);
        PyBuffer_Release(&tv);
        return out == NULL ? NULL : PyErr_NoMemory();
    }
    double *prob = (double *)PyBytes_AS_STRING(out);
    const double *trans = tv.buf;
    for (Py_ssize_t k = 0; k < T * L; k++) es[k] = exp(state[k]);
    for (int k = 0; k < L * L; k++) et[k] = exp(trans[k]);
    if (T > 0) {
        double sum = 0.0;
        for (int j = 0; j < L; j++) {
            alpha[j] = es[j];
            sum += alpha[j];
        }
        scale[0] = sum != 0.0 ? 1.0 / sum : 1.0;
        for (int j = 0; j < L; j++) alpha[j] *= scale[0];
        for (Py_ssize_t t = 1; t < T; t++) {
            const double *prev = alpha + (t - 1) * L;
            double *cur = alpha + t * L;
            for (int j = 0; j < L; j++) cur[j] = 0.0;
            for (int i = 0; i < L; i++)
                for (int j = 0; j < L; j++) cur[j] += prev[i] * et[i * L + j];
            sum = 0.0;
            for (int j = 0; j < L; j++) {
                cur[j] *= es[t * L + j];
                sum += cur[j];
            }
            scale[t] = sum != 0.0 ? 1.0 / sum : 1.0;
            for (int j = 0; j < L; j++) cur[j] *= scale[t];
        }
        for (int j = 0; j < L; j++) beta[(T - 1) * L + j] = scale[T - 1];
        for (Py_ssize_t t = T - 2; t >= 0; t--) {
            const double *next = beta + (t + 1) * L;
            double *cur = beta + t * L;
            for (int j = 0; j < L; j++) row[j] = next[j] * es[(t + 1) * L + j];
            for (int i = 0; i < L; i++) {
                double dot = 0.0;
                for (int j = 0; j < L; j++) dot += et[i * L + j] * row[j];
                cur[i] = dot * scale[t];
            }
        }
        for (Py_ssize_t t = 0; t < T; t++)
            for (int j = 0; j < L; j++)
                prob[t * L + j] = alpha[t * L + j] * beta[t * L + j] / scale[t];
    }
    PyMem_Free(es); PyMem_Free(alpha); PyMem_Free(beta);
    PyMem_Free(scale); PyMem_Free(et); PyMem_Free(row);
    PyBuffer_Release(&tv);
    return out;
}

static PyMethodDef methods[] = {
    {"scores", scores, METH_VARARGS,
     "scores(feats, index, weights, L) -> bytes: state scores, len(feats) * L doubles"},
    {"viterbi", viterbi, METH_VARARGS, "viterbi(state, trans, L) -> bytes: the best label ids"},
    {"marginals", marginals, METH_VARARGS,
     "marginals(state, trans, L) -> bytes: each label's probability, T * L doubles"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_crf", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__crf(void) {
    return module_with_interface(&module, 1);
}
