/* The scanner's per-span work on a block of text lines, in C.
 *
 * An optional accelerator for cnprivacy.discovery.scanner (its pure-Python twin,
 * scanner._layout_python, is the reference; tests compare the two on the evaluation corpus).
 * On PI-dense text there are tens of thousands of spans per megabyte, and a Python loop body
 * per span costs more than finding the span did. Two functions:
 *
 *   layout(text, lines, found, line_base, config)
 *     text is "\n".join(lines); found the block's spans (start, end, type) sorted by start.
 *     Returns (line numbers, start columns, end columns) as native int32 bytes, the type codes
 *     as bytes, the per-identifier records and whether a child was seen. One record per line:
 *     the line's strongest identifier kind (lowest rank) stands for the person, its values
 *     normalised as pitypes.same_person_key does; the line is sensitive when it holds a sensitive
 *     type, and a resident ID of someone under the sensitive age (14) makes it a child's line;
 *     under the adult age (18), a minor's line (both are counted, apart).
 *
 *   merge(base, extra, type)
 *     detect._merge: the (start, end) pairs of extra that overlap neither a base span nor an
 *     extra span already taken, as (start, end, type), merged into base by start.
 *
 * No global mutable state.
 */
#include "_common.h"
#include <stdint.h>
#include <string.h>

#define NRANKS 5
#define KEYMAX 128


typedef struct {
    int32_t *v;
    Py_ssize_t n, cap;
} Ints;

static int ints_push(Ints *a, int32_t x) {
    if (a->n == a->cap) {
        Py_ssize_t cap = a->cap ? a->cap * 2 : 1024;
        int32_t *v = PyMem_Realloc(a->v, (size_t)cap * sizeof(int32_t));
        if (v == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

static PyObject *ints_bytes(const Ints *a) {
    return PyBytes_FromStringAndSize((const char *)a->v, a->n * (Py_ssize_t)sizeof(int32_t));
}

/* normalize.FOLD_TABLE for one character (identity elsewhere). */
static Py_UCS4 fold(Py_UCS4 ch) {
    if (ch < 0x80) return ch;
    if (ch >= 0xFF10 && ch <= 0xFF19) return '0' + (ch - 0xFF10);
    if (ch >= 0xFF21 && ch <= 0xFF3A) return 'A' + (ch - 0xFF21);
    if (ch >= 0xFF41 && ch <= 0xFF5A) return 'a' + (ch - 0xFF41);
    switch (ch) {
    case 0x3000: case 0x00A0: return ' ';
    case 0xFF0D: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0xFE63:
        return '-';
    case 0xFF0B: return '+';
    case 0xFF08: return '(';
    case 0xFF09: return ')';
    case 0xFF20: return '@';
    case 0xFF0E: return '.';
    case 0xFF1A: return ':';
    default: return ch;
    }
}

static int ascii_space(int c) {
    /* What str.strip() removes from an ASCII string. */
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

typedef struct {
    int kind;
    const void *data;
    PyObject *text;
    int email, mobile, rid;          /* type codes */
    PyObject *types;                  /* code -> type name (tuple) */
    PyObject *text_key;               /* Python fallback: text_key(type, value) -> str */
    long cutoff, cutoff18, today;     /* under an age: cutoff < born <= today; cutoff < 0: none */
} Ctx;

/* pitypes.same_person_key of text[s:e] for type code t, as a new str (NULL on error). */
static PyObject *text_key(const Ctx *c, int t, Py_ssize_t s, Py_ssize_t e) {
    char buf[KEYMAX];
    int n = 0;
    if (e - s >= KEYMAX) goto python;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 ch = fold(PyUnicode_READ(c->kind, c->data, i));
        if (ch > 0x7F) goto python;
        if (t == c->email) {
            buf[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        } else if (ch != ' ' && ch != '-' && ch != '(' && ch != ')') {
            buf[n++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
        }
    }
    int a = 0;
    if (t == c->email) {
        while (a < n && ascii_space((unsigned char)buf[a])) a++;
        while (n > a && ascii_space((unsigned char)buf[n - 1])) n--;
    } else if (t == c->mobile) {
        if (n - a >= 3 && memcmp(buf, "+86", 3) == 0) a = 3;
        else if (n - a >= 4 && memcmp(buf, "0086", 4) == 0) a = 4;
    }
    if (t == c->rid && n != 18) goto python;  /* a legacy 15-digit ID keys as its upgrade */
    return PyUnicode_FromStringAndSize(buf + a, n - a);
python:;
    PyObject *value = PyUnicode_Substring(c->text, s, e);
    if (value == NULL) return NULL;
    PyObject *out = PyObject_CallFunctionObjArgs(c->text_key, PyTuple_GET_ITEM(c->types, t),
                                                 value, NULL);
    Py_DECREF(value);
    return out;
}

static int all_digits(const char *v, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = a; i < b; i++)
        if (v[i] < '0' || v[i] > '9') return 0;
    return 1;
}

/* The birth date (YYYYMMDD) in a normalised resident ID: 0 when it holds none, -1 on error. */
static long born(PyObject *key) {
    Py_ssize_t n = 0;
    const char *v = PyUnicode_AsUTF8AndSize(key, &n);
    if (v == NULL) return -1;
    if ((n == 18 && all_digits(v, 6, 14)) || (n == 15 && all_digits(v, 6, 12)))
        return birth_ymd(v, (int)n);
    return 0;  /* keys are ASCII: anything else holds no birth date */
}

/* Whether a birth date is of someone under the age whose cutoff is given (see Ctx). */
static int under(const Ctx *c, long cutoff, long ymd) {
    return cutoff >= 0 && ymd > 0 && cutoff < ymd && ymd <= c->today;
}

typedef struct {
    PyObject *all[NRANKS], *sens[NRANKS], *minors[NRANKS], *minors18[NRANKS];
    int seen_minor;
} Books;

/* The identifier spans of the current line that have its best rank so far. */
typedef struct {
    Py_ssize_t *s, *e;
    int *t;
    int n, cap;
} Pending;

static int pending_push(Pending *p, Py_ssize_t s, Py_ssize_t e, int t) {
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 16;
        Py_ssize_t *ns = PyMem_Realloc(p->s, (size_t)cap * sizeof(Py_ssize_t));
        if (ns == NULL) return PyErr_NoMemory(), -1;
        p->s = ns;
        Py_ssize_t *ne = PyMem_Realloc(p->e, (size_t)cap * sizeof(Py_ssize_t));
        if (ne == NULL) return PyErr_NoMemory(), -1;
        p->e = ne;
        int *nt = PyMem_Realloc(p->t, (size_t)cap * sizeof(int));
        if (nt == NULL) return PyErr_NoMemory(), -1;
        p->t = nt;
        p->cap = cap;
    }
    p->s[p->n] = s;
    p->e[p->n] = e;
    p->t[p->n] = t;
    p->n++;
    return 0;
}

/* One line's record: its pending spans (all of rank best). keys is a scratch list. */
static int record(const Ctx *c, Books *b, const Pending *p, int best, int sensitive,
                  PyObject *keys) {
    int is_minor = 0, is_minor18 = 0;
    if (PyList_SetSlice(keys, 0, PyList_GET_SIZE(keys), NULL) < 0) return -1;
    for (int i = 0; i < p->n; i++) {
        PyObject *k = text_key(c, p->t[i], p->s[i], p->e[i]);
        if (k == NULL) return -1;
        int rc = PyList_Append(keys, k);
        Py_DECREF(k);
        if (rc < 0) return -1;
        if (p->t[i] == c->rid && !(is_minor && is_minor18)
            && (c->cutoff >= 0 || c->cutoff18 >= 0)) {
            long ymd = born(k);
            if (ymd < 0) return -1;
            is_minor |= under(c, c->cutoff, ymd);
            is_minor18 |= under(c, c->cutoff18, ymd);
        }
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        if (PyList_Append(b->all[best], k) < 0) return -1;
        if ((sensitive || is_minor) && PyList_Append(b->sens[best], k) < 0) return -1;
        if (is_minor && PyList_Append(b->minors[best], k) < 0) return -1;
        if (is_minor18 && PyList_Append(b->minors18[best], k) < 0) return -1;
    }
    b->seen_minor |= is_minor;
    return 0;
}

/* The configuration tuple's version and length: scanner._layout_function builds it once per
 * scan; a tuple of another shape is refused before any item is read. */
#define CONFIG_VERSION 2
#define CONFIG_ITEMS 8

static PyObject *layout(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *lines, *found, *config, *index, *types, *text_key_fn;
    Py_ssize_t line_base;
    Py_buffer ranks, sens;
    int rid, mobile, email;
    long cutoff, cutoff18, today, version;
    if (!PyArg_ParseTuple(args, "UO!O!nO!", &text, &PyList_Type, &lines, &PyList_Type, &found,
                          &line_base, &PyTuple_Type, &config))
        return NULL;
    if (PyTuple_GET_SIZE(config) != CONFIG_ITEMS) {
        PyErr_Format(PyExc_ValueError, "configuration of %zd items, not %d",
                     PyTuple_GET_SIZE(config), CONFIG_ITEMS);
        return NULL;
    }
    /* The version first: a tuple of another version may differ in any item's shape. */
    version = PyLong_AsLong(PyTuple_GET_ITEM(config, 0));
    if (version == -1 && PyErr_Occurred()) return NULL;
    if (version != CONFIG_VERSION) {
        PyErr_Format(PyExc_ValueError, "configuration version %ld, not %d", version,
                     CONFIG_VERSION);
        return NULL;
    }
    if (!PyArg_ParseTuple(config, "lO!O!y*y*(iii)(lll)O", &version, &PyDict_Type, &index,
                          &PyTuple_Type, &types, &ranks, &sens, &rid, &mobile, &email, &cutoff,
                          &cutoff18, &today, &text_key_fn))
        return NULL;
    PyObject *result = NULL;
    Ints ln = {0}, st = {0}, en = {0};
    char *codes = NULL;
    Books b = {{0}, {0}, {0}, {0}, 0};
    PyObject *keys = NULL;
    Pending p = {0};
    Py_ssize_t nspans = PyList_GET_SIZE(found), ntypes = PyTuple_GET_SIZE(types);
    if (ranks.len != ntypes || sens.len != ntypes) {
        PyErr_SetString(PyExc_ValueError, "ranks and sensitive need one byte per type");
        goto done;
    }
    for (int r = 0; r < NRANKS; r++) {
        b.all[r] = PyList_New(0);
        b.sens[r] = PyList_New(0);
        b.minors[r] = PyList_New(0);
        b.minors18[r] = PyList_New(0);
        if (!b.all[r] || !b.sens[r] || !b.minors[r] || !b.minors18[r]) goto done;
    }
    codes = PyMem_Malloc((size_t)nspans + 1);
    if (codes == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Ctx c = {PyUnicode_KIND(text), PyUnicode_DATA(text), text, email, mobile, rid, types,
             text_key_fn, cutoff, cutoff18, today};
    const unsigned char *rank_of = ranks.buf, *sens_of = sens.buf;
    Py_ssize_t nlines = PyList_GET_SIZE(lines);
    Py_ssize_t li = -1, off = 0, next = 0;  /* current line, its start, the next line's start */
    int best = NRANKS, sensitive = 0;
    keys = PyList_New(0);
    if (keys == NULL) goto done;
    for (Py_ssize_t k = 0; k < nspans; k++) {
        PyObject *sp = PyList_GET_ITEM(found, k);
        if (!PyTuple_Check(sp) || PyTuple_GET_SIZE(sp) != 3) {
            PyErr_SetString(PyExc_TypeError, "spans must be (start, end, type) tuples");
            goto done;
        }
        Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 0));
        Py_ssize_t e = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 1));
        if (PyErr_Occurred()) goto done;
        if (s < 0 || e < s || e > PyUnicode_GET_LENGTH(text)) {
            PyErr_SetString(PyExc_ValueError, "span outside the text");
            goto done;
        }
        PyObject *code_obj = PyDict_GetItemWithError(index, PyTuple_GET_ITEM(sp, 2));
        if (code_obj == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "unknown span type");
            goto done;
        }
        long t = PyLong_AsLong(code_obj);
        if (t < 0 || t >= ntypes) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "type code out of range");
            goto done;
        }
        if (s >= next || li < 0) {
            if (p.n && record(&c, &b, &p, best, sensitive, keys) < 0) goto done;
            p.n = 0;
            best = NRANKS;
            sensitive = 0;
            while (s >= next || li < 0) {
                if (++li >= nlines) {
                    PyErr_SetString(PyExc_ValueError, "span beyond the last line");
                    goto done;
                }
                off = next;
                next = off + PyUnicode_GET_LENGTH(PyList_GET_ITEM(lines, li)) + 1;
            }
        }
        if (ints_push(&ln, (int32_t)(line_base + li)) < 0 || ints_push(&st, (int32_t)(s - off)) < 0
            || ints_push(&en, (int32_t)(e - off)) < 0)
            goto done;
        codes[k] = (char)t;
        if (sens_of[t]) {
            sensitive = 1;
        } else if (rank_of[t] < NRANKS) {
            int r = rank_of[t];
            if (r < best) {
                best = r;
                p.n = 0;  /* weaker kinds of this line are never needed */
            }
            if (r == best && pending_push(&p, s, e, (int)t) < 0) goto done;
        }
    }
    if (p.n && record(&c, &b, &p, best, sensitive, keys) < 0) goto done;
    PyObject *recs = PyTuple_New(NRANKS);
    if (recs == NULL) goto done;
    for (int r = 0; r < NRANKS; r++) {
        PyObject *one = PyTuple_Pack(4, b.all[r], b.sens[r], b.minors[r], b.minors18[r]);
        if (one == NULL) {
            Py_DECREF(recs);
            goto done;
        }
        PyTuple_SET_ITEM(recs, r, one);
    }
    result = Py_BuildValue("(NNNy#NO)", ints_bytes(&ln), ints_bytes(&st), ints_bytes(&en),
                           codes, nspans, recs, b.seen_minor ? Py_True : Py_False);
done:
    PyMem_Free(ln.v);
    PyMem_Free(st.v);
    PyMem_Free(en.v);
    PyMem_Free(codes);
    PyMem_Free(p.s);
    PyMem_Free(p.e);
    PyMem_Free(p.t);
    Py_XDECREF(keys);
    for (int r = 0; r < NRANKS; r++) {
        Py_XDECREF(b.all[r]);
        Py_XDECREF(b.sens[r]);
        Py_XDECREF(b.minors[r]);
        Py_XDECREF(b.minors18[r]);
    }
    PyBuffer_Release(&ranks);
    PyBuffer_Release(&sens);
    return result;
}

static int pair(PyObject *sp, Py_ssize_t *s, Py_ssize_t *e) {
    if (!PyTuple_Check(sp) || PyTuple_GET_SIZE(sp) < 2) {
        PyErr_SetString(PyExc_TypeError, "spans must be tuples");
        return -1;
    }
    *s = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 0));
    *e = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 1));
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *merge(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *base, *extra, *type;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyList_Type, &base, &PyList_Type, &extra, &type))
        return NULL;
    Py_ssize_t nb = PyList_GET_SIZE(base), nx = PyList_GET_SIZE(extra);
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t i = 0, j = 0, last_end = -1, prev = -1;
    Py_ssize_t bs = 0, be = 0;
    if (nb && pair(PyList_GET_ITEM(base, 0), &bs, &be) < 0) goto fail;
    for (j = 0; j < nx; j++) {
        Py_ssize_t s, e;
        if (pair(PyList_GET_ITEM(extra, j), &s, &e) < 0) goto fail;
        if (s <= prev) {
            PyErr_SetString(PyExc_ValueError, "extra spans must have increasing starts");
            goto fail;
        }
        prev = s;
        /* Base spans that end before this one starts go out first (they start before it). */
        while (i < nb && be <= s) {
            if (PyList_Append(out, PyList_GET_ITEM(base, i)) < 0) goto fail;
            if (++i < nb && pair(PyList_GET_ITEM(base, i), &bs, &be) < 0) goto fail;
        }
        if ((i < nb && bs < e) || s < last_end) continue;
        if (push_span(out, s, e, type) < 0) goto fail;
        last_end = e;
    }
    for (; i < nb; i++)
        if (PyList_Append(out, PyList_GET_ITEM(base, i)) < 0) goto fail;
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"layout", layout, METH_VARARGS,
     "layout(text, lines, found, line_base, (version, index, types, ranks, sensitive, (rid, "
     "mobile, email), (cutoff, cutoff18, today), text_key)) -> (lines, starts, ends, codes, "
     "records, child seen)"},
    {"merge", merge, METH_VARARGS, "merge(base, extra, type) -> spans (detect._merge)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_layout", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__layout(void) {
    PyObject *m = module_with_interface(&module, 4);
    if (m != NULL && PyModule_AddIntConstant(m, "CONFIG_VERSION", CONFIG_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
