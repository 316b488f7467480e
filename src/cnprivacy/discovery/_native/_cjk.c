/* Names and address anchors in Chinese free text, in C.
 *
 * An optional accelerator for cnprivacy.discovery.names.find_names and
 * cnprivacy.discovery.addresses.find_addresses (those are the reference; tests compare the
 * two span for span). The rules and word lists stay in Python: the tables passed in are built
 * from them, and the lexicon look-ups are Python set look-ups.
 *
 * Each function takes one configuration tuple, built once in Python and checked here for its
 * length and CONFIG_VERSION before any item is read (positional tables cannot drift apart).
 *
 *   names(text, (version, classes, left_of, left_cues, right_of, right_cues, compounds,
 *         persons, words, common)) -> [(start, end)]
 *     The walk of names._CANDIDATE_RE (a context character, a surname, a CJK character after
 *     it; matches do not overlap), then find_names' left cue, plausibility and right-score
 *     rules for each candidate.
 *
 *   anchors(text, (version, classes, lengths, pairs, places), units_end) -> [(start, end)]
 *     The walk of addresses._anchors().first (a place name's first two characters), the
 *     place-name look-up longest first, and units_end(text, start, size, anchor) -> end or -1
 *     (Python: the units pattern and addresses._enough) for each name found.
 *
 * No global mutable state.
 */
#include "_common.h"
#include <stdint.h>

/* classes[] bits (one byte per BMP character) */
#define CONTEXT 1    /* may precede a surname: not a CJK ideograph, or a left cue's last char */
#define CUE_END 2    /* names._CUE_ENDS */
#define SINGLE 4     /* a single-character surname */
#define COMPOUND 8   /* first character of a compound surname */
#define NOT_GIVEN 16 /* never in a given name */
#define PLACE1 32    /* first character of a place name */
#define PLACE2 64    /* second character of a place name */

#define CONFIG_VERSION 1

/* 0 when config is a tuple of `items` items whose first is CONFIG_VERSION, else -1 (set). */
static int config_shape(PyObject *config, Py_ssize_t items) {
    if (PyTuple_GET_SIZE(config) != items) {
        PyErr_Format(PyExc_ValueError, "configuration of %zd items, not %zd",
                     PyTuple_GET_SIZE(config), items);
        return -1;
    }
    long version = PyLong_AsLong(PyTuple_GET_ITEM(config, 0));
    if (version == -1 && PyErr_Occurred()) return -1;
    if (version != CONFIG_VERSION) {
        PyErr_Format(PyExc_ValueError, "configuration version %ld, not %d", version,
                     CONFIG_VERSION);
        return -1;
    }
    return 0;
}

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t len;
    PyObject *text;
    const unsigned char *classes;
} Text;

static Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

static int cls(const Text *t, Py_UCS4 ch, int bit) {
    return ch <= 0xFFFF && (t->classes[ch] & bit);
}

static int cjk(Py_UCS4 ch) { return ch >= 0x4E00 && ch <= 0x9FFF; }

/* Whether text[a:b] is in the set: 1, 0, or -1 on error. */
static int in_set(const Text *t, PyObject *set, Py_ssize_t a, Py_ssize_t b) {
    if (b > t->len) b = t->len;
    PyObject *s = PyUnicode_Substring(t->text, a, b);
    if (s == NULL) return -1;
    int r = PySet_Contains(set, s);
    Py_DECREF(s);
    return r;
}

/* Whether some string of group (a tuple) ends at b and starts at or after w0 (dir 1), or
 * starts at a (dir -1): the longest such length, 0 for none, -1 on error. */
static Py_ssize_t group_match(const Text *t, PyObject *group, Py_ssize_t w0, Py_ssize_t pos,
                              int dir) {
    Py_ssize_t best = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(group); i++) {
        PyObject *cue = PyTuple_GET_ITEM(group, i);
        Py_ssize_t n = PyUnicode_GET_LENGTH(cue);
        Py_ssize_t r = dir > 0 ? PyUnicode_Tailmatch(t->text, cue, w0, pos, 1)
                               : PyUnicode_Tailmatch(t->text, cue, pos, PY_SSIZE_T_MAX, -1);
        if (r < 0) return -1;
        if (r && n > best) best = n;
    }
    return best;
}

typedef struct {
    const unsigned char *left_of, *right_of;
    PyObject *left_cues, *right_cues, *compounds, *persons, *words, *common;
} Names;

/* names._LEFT_RE.search(text, max(0, start - 6), start): a left cue, an optional colon and
 * white space ending at start. */
static int left_cue(const Text *t, const Names *nm, Py_ssize_t start) {
    Py_ssize_t w0 = start > 6 ? start - 6 : 0, k = start;
    while (k > w0 && Py_UNICODE_ISSPACE(at(t, k - 1))) k--;
    if (k > w0 && (at(t, k - 1) == ':' || at(t, k - 1) == 0xFF1A)) k--;
    if (k <= w0) return 0;
    Py_UCS4 last = at(t, k - 1);
    if (last > 0xFFFF || !nm->left_of[last]) return 0;
    Py_ssize_t r = group_match(t, PyTuple_GET_ITEM(nm->left_cues, nm->left_of[last] - 1), w0, k, 1);
    return r < 0 ? -1 : r > 0;
}

/* names._surname_len of text[a:b]. */
static int surname_len(const Text *t, const Names *nm, Py_ssize_t a, Py_ssize_t b) {
    if (b - a >= 2 && cls(t, at(t, a), COMPOUND)) {
        int r = in_set(t, nm->compounds, a, a + 2);
        if (r != 0) return r < 0 ? -1 : 2;
    }
    return b > a && cls(t, at(t, a), SINGLE) ? 1 : 0;
}

/* names._plausible(text[a:b], strict): 1, 0 or -1. */
static int plausible(const Text *t, const Names *nm, Py_ssize_t a, Py_ssize_t b, int strict) {
    int s = surname_len(t, nm, a, b);
    if (s <= 0) return s;
    Py_ssize_t given = b - a - s;
    if (given < 1 || given > 2) return 0;
    for (Py_ssize_t i = a + s; i < b; i++) {
        Py_UCS4 ch = at(t, i);
        if (!cjk(ch) || cls(t, ch, NOT_GIVEN)) return 0;
    }
    int r = in_set(t, nm->persons, a, b);
    if (r != 0) return r;
    r = in_set(t, nm->words, a, b);
    if (r != 0) return r < 0 ? -1 : 0;
    if (strict && given == 2) {
        r = in_set(t, nm->words, a, a + 2);
        if (r != 0) return r < 0 ? -1 : 0;
    }
    return 1;
}

/* names._right_score(text, end). */
static int right_score(const Text *t, const Names *nm, Py_ssize_t end) {
    if (end >= t->len) return 100;
    Py_UCS4 ch = at(t, end);
    if (!cjk(ch)) return 100;
    if (nm->right_of[ch]) {
        Py_ssize_t r = group_match(t, PyTuple_GET_ITEM(nm->right_cues, nm->right_of[ch] - 1),
                                   0, end, -1);
        if (r < 0) return -1;
        if (r) return (int)(10 * r);
    }
    int r = in_set(t, nm->common, end, end + 2);
    if (r == 0) r = in_set(t, nm->common, end, end + 3);
    return r < 0 ? -1 : r ? 5 : 0;
}

static int push_pair(PyObject *out, Py_ssize_t a, Py_ssize_t b) {
    return push_span(out, a, b, NULL);
}

static int table(Py_buffer *b, const char *what) {
    if (b->len != 65536) {
        PyErr_Format(PyExc_ValueError, "%s: one byte per BMP character expected", what);
        return -1;
    }
    return 0;
}

static PyObject *names(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config;
    Py_buffer classes, left_of, right_of;
    Names nm;
    long version;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &config)
        || config_shape(config, 10) < 0
        || !PyArg_ParseTuple(config, "ly*y*O!y*O!O!O!O!O!", &version, &classes, &left_of,
                             &PyTuple_Type, &nm.left_cues, &right_of, &PyTuple_Type,
                             &nm.right_cues, &PyFrozenSet_Type, &nm.compounds,
                             &PyFrozenSet_Type, &nm.persons, &PyFrozenSet_Type, &nm.words,
                             &PyFrozenSet_Type, &nm.common))
        return NULL;
    PyObject *out = NULL;
    if (table(&classes, "classes") < 0 || table(&left_of, "left_of") < 0
        || table(&right_of, "right_of") < 0)
        goto done;
    nm.left_of = left_of.buf;
    nm.right_of = right_of.buf;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text,
              classes.buf};
    out = PyList_New(0);
    if (out == NULL) goto done;
    Py_ssize_t last_end = 0;
    /* p: where the surname would start (only a surname character can start a candidate);
     * the context character is text[p - 1] (a newline before the text). */
    for (Py_ssize_t p = 0;
         (p = class_walk(t.kind, t.data, p, t.len - 1, t.classes, SINGLE | COMPOUND, 1)) < t.len - 1;
         p++) {
        Py_UCS4 prev = p ? at(&t, p - 1) : '\n';
        if (!(prev > 0xFFFF || (t.classes[prev] & CONTEXT))) continue;
        Py_UCS4 first = at(&t, p);
        int s = 0;
        if (cls(&t, first, COMPOUND) && p + 2 < t.len && cjk(at(&t, p + 2))) {
            int r = in_set(&t, nm.compounds, p, p + 2);
            if (r < 0) goto fail;
            if (r) s = 2;
        }
        if (!s && cls(&t, first, SINGLE) && cjk(at(&t, p + 1))) s = 1;
        if (!s) continue;
        Py_ssize_t start = p;
        p += s;  /* the match consumed the surname: the next context character is after it */
        if (start < last_end) continue;
        int strong = 0;
        if (start && cls(&t, prev, CUE_END)) {
            strong = left_cue(&t, &nm, start);
            if (strong < 0) goto fail;
        }
        if (!strong && start && prev <= 0xFFFF && cjk(prev)) continue;
        Py_ssize_t best = -1;
        int best_score = 0;
        for (int glen = 2; glen >= 1; glen--) {
            Py_ssize_t end = start + s + glen;
            if (end > t.len) continue;
            int ok = plausible(&t, &nm, start, end, !strong);
            if (ok < 0) goto fail;
            if (!ok) continue;
            int score = right_score(&t, &nm, end);
            if (score < 0) goto fail;
            if (score > best_score) {
                best = end;
                best_score = score;
            }
        }
        if (best >= 0) {
            if (push_pair(out, start, best) < 0) goto fail;
            last_end = best;
        }
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&classes);
    PyBuffer_Release(&left_of);
    PyBuffer_Release(&right_of);
    return out;
}

static PyObject *anchors(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config, *places, *units_end;
    Py_buffer classes, lengths, pairs;
    long version;
    if (!PyArg_ParseTuple(args, "UO!O", &text, &PyTuple_Type, &config, &units_end)
        || config_shape(config, 5) < 0
        || !PyArg_ParseTuple(config, "ly*y*y*O!", &version, &classes, &lengths, &pairs,
                             &PyFrozenSet_Type, &places))
        return NULL;
    PyObject *out = NULL;
    if (table(&classes, "classes") < 0) goto done;
    if (lengths.len != 65536 * 4 || pairs.len != 65536 * 4) {
        PyErr_SetString(PyExc_ValueError, "lengths and pairs: one uint32 per BMP character");
        goto done;
    }
    const uint32_t *len_of = lengths.buf, *pair_of = pairs.buf;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text,
              classes.buf};
    out = PyList_New(0);
    if (out == NULL) goto done;
    Py_ssize_t last = 0;
    for (Py_ssize_t p = 0;
         (p = class_walk(t.kind, t.data, p, t.len - 1, t.classes, PLACE1, 1)) < t.len - 1; p++) {
        if (p < last) continue;
        Py_UCS4 a = at(&t, p), b = at(&t, p + 1);
        if (!cls(&t, a, PLACE1) || !cls(&t, b, PLACE2)) continue;
        /* Lengths of the names that start with a, narrowed by a hash of the first two
         * characters (collisions only add lengths to try). */
        uint32_t mask = len_of[a] & pair_of[(a * 40503u + b) & 0xFFFF];
        for (int size = 31; size >= 2 && mask; size--) {
            if (!(mask & (1u << size))) continue;
            mask &= ~(1u << size);
            int r = in_set(&t, places, p, p + size);
            if (r < 0) goto fail;
            if (!r) continue;
            PyObject *anchor = PyUnicode_Substring(text, p, p + size < t.len ? p + size : t.len);
            if (anchor == NULL) goto fail;
            PyObject *end = PyObject_CallFunction(units_end, "OnnO", text, p, (Py_ssize_t)size,
                                                  anchor);
            Py_DECREF(anchor);
            if (end == NULL) goto fail;
            Py_ssize_t e = PyLong_AsSsize_t(end);
            Py_DECREF(end);
            if (e == -1 && PyErr_Occurred()) goto fail;
            if (e > 0) {
                if (push_pair(out, p, e) < 0) goto fail;
                last = e;
                break;
            }
        }
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&classes);
    PyBuffer_Release(&lengths);
    PyBuffer_Release(&pairs);
    return out;
}

static PyMethodDef methods[] = {
    {"names", names, METH_VARARGS,
     "names(text, (version, classes, left_of, left_cues, right_of, right_cues, compounds, "
     "persons, words, common)) -> [(start, end)]"},
    {"anchors", anchors, METH_VARARGS,
     "anchors(text, (version, classes, lengths, pairs, places), units_end) -> [(start, end)]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cjk", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__cjk(void) {
    PyObject *m = module_with_interface(&module, 2);
    if (m != NULL && PyModule_AddIntConstant(m, "CONFIG_VERSION", CONFIG_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
