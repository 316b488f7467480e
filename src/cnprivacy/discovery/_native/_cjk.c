/* Names and address anchors in Chinese free text, in C.
 *
 * An optional accelerator for cnprivacy.discovery.names.find_names and
 * cnprivacy.discovery.addresses.find_addresses (those are the reference; tests compare the
 * two span for span). The rules and word lists stay in Python: the tables passed in are built
 * from them, and the lexicon look-ups are Python set look-ups or packed tables.
 *
 * Each function takes one configuration tuple, built once in Python and checked here for its
 * length and CONFIG_VERSION before any item is read (positional tables cannot drift apart).
 *
 *   names(text, (version, classes, left_of, left_cues, right_of, right_cues, compounds,
 *         persons, words, common)[, strong_only]) -> [(start, end)]
 *     The walk of names._CANDIDATE_RE (a context character, a surname, a CJK character after
 *     it; matches do not overlap), then find_names' left cue, plausibility and right-score
 *     rules for each candidate.
 *
 *   anchors(text, (version, classes, lengths, pairs, places, levels, numbered, common,
 *           street, org, level_on, title_on, org_after, max_units, fill_max, run_max,
 *           org_span)) -> [(start, end)]
 *     The walk of addresses._anchors().first (a place name's first two characters), the
 *     place-name look-up longest first (places: name -> mode of addresses._enough), and the
 *     units after each name found (addresses._units_end: the units pattern, matched here as
 *     re matches it, _enough, and the organisation that may follow), with no call into
 *     Python.
 *
 *   terms(text, (version, first_of, groups)) -> [(start, end)]
 *     health.HEALTH_RE's matches: the health terms, leftmost, first in the pattern's order.
 *
 *   features(clause, default, config) -> [[str]]
 *     name_accurate.features: the accurate finder's CRF features of each character (below).
 *
 * No global mutable state.
 */
#include "_common.h"
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* classes[] bits (one byte per BMP character) */
#define CONTEXT 1    /* may precede a surname: not a CJK ideograph, or a left cue's last char */
#define CUE_END 2    /* names._CUE_ENDS */
#define SINGLE 4     /* a single-character surname */
#define COMPOUND 8   /* first character of a compound surname */
#define NOT_GIVEN 16 /* never in a given name */
#define PLACE1 32    /* first character of a place name */
#define PLACE2 64    /* second character of a place name */

#define CONFIG_VERSION 6

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

/* The items of config after its version (config_shape checked its length), by spec: 'b'
 * bytes (Py_buffer *: a view of its contents, without the buffer protocol: bytes are
 * immutable and the caller holds config for the call, so there is nothing to release), 't'
 * tuple, 'f' frozenset, 'd' dict (PyObject **), 'n' int (Py_ssize_t *). 0, or -1 (set).
 * PyArg_ParseTuple with y* cost about a third of a microsecond a call here, once a line. */
static int config_items(PyObject *config, const char *spec, ...) {
    va_list ap;
    va_start(ap, spec);
    int rc = 0;
    for (Py_ssize_t i = 1; spec[i - 1] && rc == 0; i++) {
        PyObject *o = PyTuple_GET_ITEM(config, i);
        switch (spec[i - 1]) {
        case 'b': {
            Py_buffer *b = va_arg(ap, Py_buffer *);
            if (!PyBytes_Check(o)) {
                rc = -1;
                break;
            }
            memset(b, 0, sizeof *b);
            b->buf = PyBytes_AS_STRING(o);
            b->len = PyBytes_GET_SIZE(o);
            break;
        }
        case 't':
        case 'f':
        case 'd': {
            PyObject **out = va_arg(ap, PyObject **);
            char c = spec[i - 1];
            if ((c == 't' && !PyTuple_Check(o)) || (c == 'f' && !PyFrozenSet_Check(o))
                || (c == 'd' && !PyDict_Check(o))) {
                rc = -1;
                break;
            }
            *out = o;
            break;
        }
        case 'n': {
            Py_ssize_t *out = va_arg(ap, Py_ssize_t *);
            if (!PyLong_Check(o)) {
                rc = -1;
                break;
            }
            *out = PyLong_AsSsize_t(o);
            if (*out == -1 && PyErr_Occurred()) {
                va_end(ap);
                return -1;
            }
            break;
        }
        default:
            rc = -1;
        }
        if (rc < 0) {
            const char *what = spec[i - 1] == 'b' ? "bytes" : spec[i - 1] == 't' ? "a tuple"
                               : spec[i - 1] == 'f' ? "a frozenset" : spec[i - 1] == 'd'
                               ? "a dict" : "an int";
            PyErr_Format(PyExc_TypeError, "configuration item %zd: %s expected", i, what);
        }
    }
    va_end(ap);
    return rc;
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

/* names_impl()'s configuration as read, kept for the last tuple as scoring_of keeps scored's
 * (the builder hands the same cached tuple to every call; the reading holds it). */
typedef struct {
    PyObject *config; /* held */
    const unsigned char *classes;
    Names nm;
} Cueing;

static Cueing cueing;

/* The reading of config, kept or made now; NULL (set) when config is malformed. */
static const Cueing *cueing_of(PyObject *config) {
    if (cueing.config == config) return &cueing;
    Py_buffer classes, left_of, right_of;
    Cueing c;
    if (config_shape(config, 10) < 0
        || config_items(config, "bbtbtffff", &classes, &left_of, &c.nm.left_cues, &right_of,
                        &c.nm.right_cues, &c.nm.compounds, &c.nm.persons, &c.nm.words,
                        &c.nm.common) < 0
        || table(&classes, "classes") < 0 || table(&left_of, "left_of") < 0
        || table(&right_of, "right_of") < 0)
        return NULL;
    c.classes = classes.buf;
    c.nm.left_of = left_of.buf;
    c.nm.right_of = right_of.buf;
    Py_INCREF(config);
    c.config = config;
    PyObject *old = cueing.config;
    cueing = c;
    Py_XDECREF(old);
    return &cueing;
}

static PyObject *names_impl(PyObject *text, PyObject *config, int strong_only) {
    const Cueing *cu = cueing_of(config);
    if (cu == NULL) return NULL;
    Names nm = cu->nm;
    PyObject *out = NULL;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text,
              cu->classes};
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
        if (!strong && (strong_only || (start && prev <= 0xFFFF && cjk(prev)))) continue;
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
    return out;
}

static PyObject *names(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config;
    int strong_only = 0;
    if (!PyArg_ParseTuple(args, "UO!|p", &text, &PyTuple_Type, &config, &strong_only))
        return NULL;
    return names_impl(text, config, strong_only);
}

/* ---- anchors: the units after a place name (address._units_end and address._enough) ----
 * Bits of the address classes table (its own table, not the names' one). */
#define UNIT_FILL 1   /* address._FILL: a character of a unit's own name */
#define UNIT_ALNUM 2  /* address._ALNUM: a character of a numbered unit's number */
#define UNIT_DASH 4   /* address._DASHES: between the two parts of a number */
#define LEVEL1 8      /* the first character of a level word (address._LEVELS) */
#define NUMBERED1 16  /* the first character of a numbered word (address._NUMBERED_WORDS) */
#define AFTER 128     /* may start an org_after word or end a level_on/title_on one */

/* Anchor modes (address._anchor_modes): what _enough asks of the units after a name. */
enum { MODE_NEVER, MODE_ANY, MODE_STREET };

typedef struct {
    PyObject *levels, *numbered, *common, *street, *org;  /* tuples of str, pattern order */
    PyObject *level_on, *title_on, *org_after;             /* tuples of str */
    Py_ssize_t max_units, fill_max, run_max, org_span;
} Units;

/* 0 when obj is a tuple of non-empty str, else -1 (set). */
static int str_tuple(PyObject *obj, const char *what) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(obj); i++) {
        PyObject *w = PyTuple_GET_ITEM(obj, i);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) == 0) {
            PyErr_Format(PyExc_ValueError, "%s: non-empty strings expected", what);
            return -1;
        }
    }
    return 0;
}

/* Whether word occurs in the text at q. */
static int word_at(const Text *t, Py_ssize_t q, PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (q < 0 || q + n > t->len) return 0;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++)
        if (at(t, q + i) != PyUnicode_READ(kind, data, i)) return 0;
    return 1;
}

/* The length of the first word of the tuple (alternation order) at q, 0 for none. */
static Py_ssize_t first_word_at(const Text *t, Py_ssize_t q, PyObject *words) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *w = PyTuple_GET_ITEM(words, i);
        if (word_at(t, q, w)) return PyUnicode_GET_LENGTH(w);
    }
    return 0;
}

/* The length of the run of `bit` characters at q, counted up to limit + 1. */
static Py_ssize_t run_of(const Text *t, Py_ssize_t q, int bit, Py_ssize_t limit) {
    Py_ssize_t r = 0;
    while (r <= limit && q + r < t->len && cls(t, at(t, q + r), bit)) r++;
    return r;
}

/* address._UNIT_RE.match(text, q): the end of the unit at q, or -1. The pattern's own order:
 * first FILL{0,fill_max}? then a level word (lazy: the fewest fill characters; level words in
 * alternation order); else ALNUM{1,run_max} (greedy, backtracking to shorter runs), an
 * optional (DASH ALNUM{1,run_max}) tried first, then a numbered word in alternation order. */
static Py_ssize_t unit_end(const Text *t, const Units *u, Py_ssize_t q) {
    for (Py_ssize_t k = 0; k <= u->fill_max; k++) {
        Py_ssize_t c = q + k;
        if (c < t->len && cls(t, at(t, c), LEVEL1)) {
            Py_ssize_t n = first_word_at(t, c, u->levels);
            if (n) return c + n;
        }
        if (k == u->fill_max || c >= t->len || !cls(t, at(t, c), UNIT_FILL)) break;
    }
    Py_ssize_t run = run_of(t, q, UNIT_ALNUM, u->run_max);
    for (Py_ssize_t i = run < u->run_max ? run : u->run_max; i >= 1; i--) {
        Py_ssize_t c = q + i;
        if (c < t->len && cls(t, at(t, c), UNIT_DASH)) {
            Py_ssize_t run2 = run_of(t, c + 1, UNIT_ALNUM, u->run_max);
            for (Py_ssize_t j = run2 < u->run_max ? run2 : u->run_max; j >= 1; j--) {
                Py_ssize_t d = c + 1 + j;
                if (d < t->len && cls(t, at(t, d), NUMBERED1)) {
                    Py_ssize_t n = first_word_at(t, d, u->numbered);
                    if (n) return d + n;
                }
            }
        }
        if (c < t->len && cls(t, at(t, c), NUMBERED1)) {
            Py_ssize_t n = first_word_at(t, c, u->numbered);
            if (n) return c + n;
        }
    }
    return -1;
}

/* Whether text[a:b] is one of the words. */
static int is_word(const Text *t, Py_ssize_t a, Py_ssize_t b, PyObject *words) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *w = PyTuple_GET_ITEM(words, i);
        if (PyUnicode_GET_LENGTH(w) == b - a && word_at(t, a, w)) return 1;
    }
    return 0;
}

/* Whether one of the words occurs anywhere in text[a:b]. */
static int holds_word(const Text *t, Py_ssize_t a, Py_ssize_t b, PyObject *words) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *w = PyTuple_GET_ITEM(words, i);
        for (Py_ssize_t q = a; q + PyUnicode_GET_LENGTH(w) <= b; q++)
            if (word_at(t, q, w)) return 1;
    }
    return 0;
}

/* Whether text[a:b] ends with one of the words (address._STREET.search). */
static int ends_with(const Text *t, Py_ssize_t a, Py_ssize_t b, PyObject *words) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(words); i++) {
        PyObject *w = PyTuple_GET_ITEM(words, i);
        Py_ssize_t n = PyUnicode_GET_LENGTH(w);
        if (n <= b - a && word_at(t, b - n, w)) return 1;
    }
    return 0;
}

/* address._first_half: whether the unit text[a:e] ends in the first half of a level_on word
 * or, for a unit repeating the character before it alone or after 副 (U+526F) or 团
 * (U+56E2), of a title_on word. a > 0: a place name stands before every unit. */
static int first_half(const Text *t, const Units *u, Py_ssize_t a, Py_ssize_t e) {
    if (e >= t->len || !cls(t, at(t, e), AFTER)) return 0;
    if (is_word(t, e - 1, e + 1, u->level_on)) return 1;
    Py_ssize_t core = a;
    if (e - a == 2 && (at(t, a) == 0x526F || at(t, a) == 0x56E2)) core = a + 1;
    return e - core == 1 && at(t, core) == at(t, a - 1) && is_word(t, e - 1, e + 1, u->title_on);
}

/* address._organisation_follows: whether an org_after word starts in the run of fill
 * characters after end (at most org_span of them, U+4E00 一 ending it) or where it ends. */
static int organisation_follows(const Text *t, const Units *u, Py_ssize_t end) {
    Py_ssize_t stop = end;
    while (stop < t->len && stop - end < u->org_span && at(t, stop) != 0x4E00
           && cls(t, at(t, stop), UNIT_FILL))
        stop++;
    for (Py_ssize_t q = end; q <= stop && q < t->len; q++)
        if (cls(t, at(t, q), AFTER) && first_word_at(t, q, u->org_after)) return 1;
    return 0;
}

/* address._units_end(text, p, size, anchor) for an anchor of the given mode: the end of the
 * units after it, or -1. */
static Py_ssize_t units_after(const Text *t, const Units *u, Py_ssize_t p, Py_ssize_t size,
                              long mode) {
    Py_ssize_t end = p + size, units = 0;
    int street = 0;
    if (mode == MODE_NEVER) return -1;  /* _enough refuses whatever units follow */
    while (units < u->max_units) {
        Py_ssize_t e = unit_end(t, u, end);
        if (e < 0 || is_word(t, end, e, u->common) || holds_word(t, end, e, u->org)
            || first_half(t, u, end, e))
            break;
        if (!street && ends_with(t, end, e, u->street)) street = 1;
        units++;
        end = e;
    }
    if (units == 0 || (mode == MODE_STREET && !street)) return -1;
    if (!street && organisation_follows(t, u, end)) return -1;
    return end;
}

static PyObject *anchors(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config, *places;
    Py_buffer classes, lengths, pairs;
    Units u;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &config)
        || config_shape(config, 17) < 0
        || config_items(config, "bbbdttttttttnnnn", &classes, &lengths, &pairs, &places,
                        &u.levels, &u.numbered, &u.common, &u.street, &u.org, &u.level_on,
                        &u.title_on, &u.org_after, &u.max_units, &u.fill_max, &u.run_max,
                        &u.org_span) < 0)
        return NULL;
    PyObject *out = NULL;
    if (table(&classes, "classes") < 0) goto done;
    if (lengths.len != 65536 * 4 || pairs.len != 65536 * 4) {
        PyErr_SetString(PyExc_ValueError, "lengths and pairs: one uint32 per BMP character");
        goto done;
    }
    /* The word tuples are checked once per configuration: a tuple of str cannot change, and
     * the builder hands the same cached tuple to every call (a check per call cost as much as
     * the walk on short lines). */
    static PyObject *checked = NULL;
    if (config != checked) {
        if (str_tuple(u.levels, "levels") < 0 || str_tuple(u.numbered, "numbered") < 0
            || str_tuple(u.common, "common") < 0 || str_tuple(u.street, "street") < 0
            || str_tuple(u.org, "org") < 0 || str_tuple(u.level_on, "level_on") < 0
            || str_tuple(u.title_on, "title_on") < 0 || str_tuple(u.org_after, "org_after") < 0)
            goto done;
        Py_INCREF(config);
        Py_XSETREF(checked, config);
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
            if (p + size > t.len) continue;  /* a name that long does not fit: not in places */
            PyObject *anchor = PyUnicode_Substring(text, p, p + size);
            if (anchor == NULL) goto fail;
            PyObject *m = PyDict_GetItemWithError(places, anchor);
            Py_DECREF(anchor);
            if (m == NULL) {
                if (PyErr_Occurred()) goto fail;
                continue;
            }
            long mode = PyLong_AsLong(m);
            if (mode == -1 && PyErr_Occurred()) goto fail;
            Py_ssize_t e = units_after(&t, &u, p, size, mode);
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

/* ---- terms(text, (version, first_of, groups)) -> [(start, end)] ----------------------------
 * health.HEALTH_RE.finditer(text) spans: an alternation of literal terms, so at each position
 * from the left the first term in the pattern's order that occurs there is the match, and
 * the search goes on after it. groups: the terms grouped by first character, each group in
 * the pattern's order (only a group's terms can occur where its character stands);
 * first_of: a byte per BMP character, its group number + 1 (0: no term starts with it). */
static PyObject *terms(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config, *groups;
    Py_buffer first_of;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &config)
        || config_shape(config, 3) < 0 || config_items(config, "bt", &first_of, &groups) < 0
        || table(&first_of, "first_of") < 0)
        return NULL;
    const unsigned char *group_of = first_of.buf;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text,
              NULL};
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    int checked = 0;  /* the groups are checked at the first character that needs them */
    for (Py_ssize_t p = 0; p < t.len;) {
        Py_UCS4 ch = at(&t, p);
        if (ch > 0xFFFF || !group_of[ch]) {
            p++;
            continue;
        }
        if (!checked) {
            for (Py_ssize_t g = 0; g < PyTuple_GET_SIZE(groups); g++) {
                PyObject *group = PyTuple_GET_ITEM(groups, g);
                if (!PyTuple_Check(group) || str_tuple(group, "groups") < 0) {
                    if (!PyErr_Occurred())
                        PyErr_SetString(PyExc_ValueError, "groups: tuples of str expected");
                    goto fail;
                }
            }
            checked = 1;
        }
        if (group_of[ch] > PyTuple_GET_SIZE(groups)) {
            PyErr_SetString(PyExc_ValueError, "first_of: a group number out of range");
            goto fail;
        }
        Py_ssize_t n = first_word_at(&t, p, PyTuple_GET_ITEM(groups, group_of[ch] - 1));
        if (n) {
            if (push_pair(out, p, p + n) < 0) goto fail;
            p += n;
        } else {
            p++;
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ---- scored(text, config[, cue_config[, phrases]]) -> [(start, end)] ---------------------
 * names._best_first of names.score_candidates(text, weights): the same sums (features added
 * in the same order, as doubles), the same choice among overlapping candidates. With
 * cue_config, names.find_names' union with the cued names; with phrases as well (a packed
 * table of names._packed_phrases), without the names inside a phrase (names._inside_phrase,
 * per span: the filter find_names applies in Python otherwise).
 * config: (version, classes, per_char, compounds, l2 keys, l2 values, r2 keys, r2 values,
 * scalars, words, persons, left_of, left_cues, right_of, right_cues, translit); per_char holds 7
 * tables of 65536 doubles (s, sn1, sn2, g1, g2, l1, r1; index 0 holds the weight of '#',
 * any character outside U+4E00-U+9FFF); compounds maps a compound surname to (s, sn1, sn2);
 * l2, r2, words and persons are packed tables (names._packed); scalars are (bias, n1, n2,
 * gw, nr, w, sw, lw, bw, rw, cl, cr, n3, t1-t3, tn1-tn3, tp1-tp3, then the cue floor:
 * names.CUE_SCORE_FLOOR for the scan, -inf for none); translit is 1 for each
 * BMP character of names._TRANSLIT (a table of its own: the classes byte has no bit left). */
#define NOT_GIVEN_TEXT 128
enum { T_S, T_SN1, T_SN2, T_G1, T_G2, T_L1, T_R1, N_TABLES };
enum { K_BIAS, K_N1, K_N2, K_GW, K_NR, K_W, K_SW, K_LW, K_BW, K_RW, K_CL, K_CR, K_N3,
       K_T1, K_T2, K_T3, K_TN1, K_TN2, K_TN3, K_TP1, K_TP2, K_TP3, K_CUE_FLOOR, N_SCALARS };

/* How many characters from text[a] on, at most four, are transliteration characters
 * (names._TRANSLIT): read once per surname position, it answers every candidate there. */
static int translit_run(const Text *t, const unsigned char *tr, Py_ssize_t a) {
    int n = 0;
    while (n < 4 && a + n < t->len) {
        Py_UCS4 ch = at(t, a + n);
        if (ch > 0xFFFF || !tr[ch]) break;
        n++;
    }
    return n;
}

static Py_UCS4 ctx(Py_UCS4 ch) { return cjk(ch) ? ch : '#'; }

/* The table index of a neighbour character ('#' class at 0). */
static Py_UCS4 cix(Py_UCS4 ch) { return cjk(ch) ? ch : 0; }

/* Packed strings of 2-3 characters (21 bits each) in open-addressing tables built by
 * names._packed: keys (0 empty) and, for weighted tables, a value per slot. */
typedef struct {
    const uint64_t *keys;
    const double *values;
    uint64_t mask;
} Packed;

static uint64_t slot_of(uint64_t key, uint64_t mask) {
    return ((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

/* The slot of key, or -1. */
static int64_t packed_find(const Packed *p, uint64_t key) {
    for (uint64_t i = slot_of(key, p->mask);; i = (i + 1) & p->mask) {
        if (p->keys[i] == key) return (int64_t)i;
        if (p->keys[i] == 0) return -1;
    }
}

static double packed_weight(const Packed *p, Py_UCS4 a, Py_UCS4 b) {
    int64_t i = packed_find(p, (uint64_t)a | ((uint64_t)b << 21));
    return i < 0 ? 0.0 : p->values[i];
}

/* Whether text[a:b] (clipped to the text) is a packed 2-3 character string of the table. A
 * string holding U+0000 is never found (no word holds one): its packed key would equal a
 * shorter string's, or 0, which packed_find would match at an empty slot. */
static int packed_has(const Text *t, const Packed *p, Py_ssize_t a, Py_ssize_t b) {
    if (b > t->len) b = t->len;
    if (a < 0 || b - a < 2 || b - a > 3) return 0;
    uint64_t key = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 ch = at(t, i);
        if (ch == 0) return 0;
        key |= (uint64_t)ch << (21 * (i - a));
    }
    return packed_find(p, key) >= 0;
}

/* A Packed view of (keys, values-or-None) buffers; -1 (set) on a malformed table. */
static int packed_view(Py_buffer *keys, Py_buffer *values, Packed *p, const char *what) {
    Py_ssize_t n = keys->len / 8;
    if (n < 2 || (n & (n - 1)) || keys->len % 8 || (values && values->len != keys->len)) {
        PyErr_Format(PyExc_ValueError, "%s: a power-of-two table of uint64 keys expected", what);
        return -1;
    }
    p->keys = keys->buf;
    p->values = values ? values->buf : NULL;
    p->mask = (uint64_t)n - 1;
    return 0;
}

typedef struct {
    double score;
    Py_ssize_t start, end, order;
} Cand;

/* Appends (start, end) to a grown array of candidates (the weak cued ones); -1 (set) when
 * memory runs out. */
static int push_weak(Cand **arr, Py_ssize_t *n, Py_ssize_t *cap, Py_ssize_t start,
                     Py_ssize_t end) {
    if (*n == *cap) {
        Py_ssize_t ncap = *cap ? 2 * *cap : 16;
        Cand *grown = PyMem_Realloc(*arr, (size_t)ncap * sizeof(Cand));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *arr = grown;
        *cap = ncap;
    }
    (*arr)[(*n)++] = (Cand){0.0, start, end, 0};
    return 0;
}

static int by_score(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int by_start(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* names._inside_phrase(text, a, b) against a packed table of four-character phrases
 * (names._packed_phrases: 16 bits per BMP character, the keys of slot_of's table): whether
 * text[a:b] lies inside a phrase other than itself. A window holding a character beyond the
 * BMP or four U+0000 (key 0, the empty slot) is in no phrase: the table holds none such. */
static int inside_phrase(const Text *t, const Packed *ph, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t k0 = b - 4 > 0 ? b - 4 : 0;
    for (Py_ssize_t k = k0; k <= a; k++) {
        if (k + 4 > t->len || (k == a && b - a == 4)) continue;
        uint64_t key = 0;
        int bmp = 1;
        for (int i = 0; i < 4 && bmp; i++) {
            Py_UCS4 ch = at(t, k + i);
            bmp = ch <= 0xFFFF;
            key |= (uint64_t)ch << (16 * i);
        }
        if (bmp && key && packed_find(ph, key) >= 0) return 1;
    }
    return 0;
}

/* push_pair of a name unless the phrase table (when given) holds a phrase around it. */
static int push_name(PyObject *out, const Text *t, const Packed *ph, Py_ssize_t a,
                     Py_ssize_t b) {
    if (ph != NULL && inside_phrase(t, ph, a, b)) return 0;
    return push_pair(out, a, b);
}

/* scored()'s configuration as read: the table views, the 23 scalars and the bound of the set
 * features. names._scored_tables builds a configuration once and hands the same tuple to
 * every call (one with the scan's bias, one with de-identification's), and reading its items
 * again on each call was 15 % of the call's instructions on generated tickets (callgrind:
 * config_items and PyFloat_AsDouble; the cue finder's own reading another 4 %), so a
 * reading is kept per tuple. The views point into
 * the tuple's bytes objects, which cannot change; the reading holds a reference to its tuple,
 * so the tuple cannot be freed and its address taken by another while the reading is kept. */
typedef struct {
    PyObject *config; /* held */
    const unsigned char *classes, *left_of, *right_of, *translit;
    const double *per_char;
    PyObject *compounds, *left_cues, *right_cues;
    Packed l2, r2, words, persons;
    double k[N_SCALARS];
    double best_sets[4]; /* the most the set and cue features can add, by given-name length */
} Scoring;

static Scoring scorings[2];
static int scoring_next;

/* The reading of config, from the two kept or made now (replacing the older); NULL (set)
 * when config is malformed. */
static const Scoring *scoring_of(PyObject *config) {
    for (int i = 0; i < 2; i++)
        if (scorings[i].config == config) return &scorings[i];
    Py_buffer classes, per_char, left_of, right_of, l2k, l2v, r2k, r2v, wk, pk, translit;
    PyObject *scalars_t;
    Scoring c;
    if (config_shape(config, 16) < 0
        || config_items(config, "bbdbbbbtbbbtbtb", &classes, &per_char, &c.compounds, &l2k,
                        &l2v, &r2k, &r2v, &scalars_t, &wk, &pk, &left_of, &c.left_cues,
                        &right_of, &c.right_cues, &translit) < 0
        || table(&classes, "classes") < 0 || table(&left_of, "left_of") < 0
        || table(&right_of, "right_of") < 0 || table(&translit, "translit") < 0
        || packed_view(&l2k, &l2v, &c.l2, "l2") < 0
        || packed_view(&r2k, &r2v, &c.r2, "r2") < 0
        || packed_view(&wk, NULL, &c.words, "words") < 0
        || packed_view(&pk, NULL, &c.persons, "persons") < 0)
        return NULL;
    if (per_char.len != (Py_ssize_t)(N_TABLES * 65536 * sizeof(double))) {
        PyErr_SetString(PyExc_ValueError, "per_char: 7 tables of 65536 doubles expected");
        return NULL;
    }
    if (PyTuple_GET_SIZE(scalars_t) != N_SCALARS) {
        PyErr_SetString(PyExc_ValueError, "scalars: 23 numbers expected");
        return NULL;
    }
    for (int i = 0; i < N_SCALARS; i++) {
        c.k[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(scalars_t, i));
        if (c.k[i] == -1.0 && PyErr_Occurred()) return NULL;
    }
    /* The transliteration features are known before the bound is applied: they are cheap to
     * read. */
    const double *k = c.k;
    double nrw = k[K_NR] > k[K_W] ? k[K_NR] : k[K_W];
    const int upto[] = {K_LW, K_BW, K_RW, K_CL, K_CR};
    double base = nrw > 0 ? nrw : 0.0;
    for (int i = 0; i < 5; i++) base += k[upto[i]] > 0 ? k[upto[i]] : 0.0;
    c.best_sets[0] = 0.0;
    c.best_sets[1] = c.best_sets[3] = base;
    c.best_sets[2] = base + (k[K_GW] > 0 ? k[K_GW] : 0.0) + (k[K_SW] > 0 ? k[K_SW] : 0.0);
    c.classes = classes.buf;
    c.per_char = per_char.buf;
    c.left_of = left_of.buf;
    c.right_of = right_of.buf;
    c.translit = translit.buf;
    Py_INCREF(config);
    c.config = config;
    Scoring *slot = &scorings[scoring_next];
    scoring_next ^= 1;
    PyObject *old = slot->config;
    *slot = c;
    Py_XDECREF(old);
    return slot;
}

static PyObject *scored(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config, *cue_config = NULL, *phrases = NULL;
    Packed phrase_table, *ph = NULL;
    Names nm;
    if (!PyArg_ParseTuple(args, "UO!|O!O!", &text, &PyTuple_Type, &config, &PyTuple_Type,
                          &cue_config, &PyBytes_Type, &phrases))
        return NULL;
    const Scoring *sc = scoring_of(config);
    if (sc == NULL) return NULL;
    PyObject *out = NULL;
    Cand *cand = NULL, *weak = NULL;
    unsigned char *taken = NULL;
    Py_ssize_t n_cand = 0, cap = 0, n_weak = 0, weak_cap = 0;
    const double *k = sc->k;
    /* names._less_weak_cues: with a finite floor (the scan's), the candidates after a cue's
     * last character that score below it; a cued name among them is dropped. */
    const double floor_ = k[K_CUE_FLOOR];
    const int weak_cues = cue_config != NULL && floor_ > -HUGE_VAL;
    const double *best_sets = sc->best_sets;
    const Packed *l2 = &sc->l2, *r2 = &sc->r2, *words = &sc->words, *persons = &sc->persons;
    PyObject *compounds = sc->compounds;
    if (phrases != NULL) {
        /* A bytes object is immutable and held by the caller for the call: no buffer. */
        Py_buffer pb = {.buf = PyBytes_AS_STRING(phrases), .len = PyBytes_GET_SIZE(phrases)};
        if (packed_view(&pb, NULL, &phrase_table, "phrases") < 0) goto done;
        ph = &phrase_table;
    }
    const unsigned char *tr = sc->translit;
    nm.left_of = sc->left_of;
    nm.right_of = sc->right_of;
    nm.left_cues = sc->left_cues;
    nm.right_cues = sc->right_cues;
    nm.compounds = NULL;
    nm.common = NULL;
    nm.words = NULL;
    nm.persons = NULL;
    const double *tb = sc->per_char;
#define TB(t, ch) tb[(size_t)(t) * 65536 + (ch)]
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), text,
              sc->classes};
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (Py_ssize_t p = 0;
         (p = class_walk(t.kind, t.data, p, t.len - 1, t.classes, SINGLE | COMPOUND, 1)) < t.len - 1;
         p++) {
        Py_UCS4 first = at(&t, p);
        double ws = 0.0, wsn[4] = {0.0, 0.0, 0.0, 0.0};
        int s = 0;
        if (cls(&t, first, COMPOUND)) {
            PyObject *key = PyUnicode_Substring(text, p, p + 2);
            if (key == NULL) goto fail;
            PyObject *v = PyDict_GetItemWithError(compounds, key);
            Py_DECREF(key);
            if (v == NULL && PyErr_Occurred()) goto fail;
            if (v != NULL) {
                s = 2;
                ws = PyFloat_AsDouble(PyTuple_GET_ITEM(v, 0));
                wsn[1] = PyFloat_AsDouble(PyTuple_GET_ITEM(v, 1));
                wsn[2] = PyFloat_AsDouble(PyTuple_GET_ITEM(v, 2));
                if (PyErr_Occurred()) goto fail;
            }
        }
        if (!s && cls(&t, first, SINGLE)) {
            s = 1;
            ws = TB(T_S, first);
            wsn[1] = TB(T_SN1, first);
            wsn[2] = TB(T_SN2, first);
        }
        if (!s) continue;
        Py_ssize_t start = p;
        Py_UCS4 prev = start ? at(&t, start - 1) : 0;
        int have_prev = start > 0;
        /* after a cue's last character, candidates down to the floor are scored too */
        const int cue_pos = weak_cues && have_prev
                            && (cls(&t, prev, CUE_END) || Py_UNICODE_ISSPACE(prev));
        const double cut = cue_pos && floor_ < 0.0 ? floor_ : 0.0;
        int tr_run = first <= 0xFFFF && tr[first] ? translit_run(&t, tr, start) : 0;
        for (int g = 1; g <= 3; g++) {
            /* four characters: a transliterated name only */
            if (g == 3 && (s != 1 || tr_run < 4)) break;
            Py_ssize_t end = start + s + g;
            if (end > t.len) break;
            Py_UCS4 last = at(&t, end - 1);
            if (!cjk(last) || cls(&t, last, NOT_GIVEN_TEXT)) break;
            Py_UCS4 c1 = at(&t, start + s);
            int have_next = end < t.len;
            Py_UCS4 nxt = have_next ? at(&t, end) : 0;
            /* The terms, then their sum in the Python order. The set look-ups cost most:
             * they are skipped when even their best case cannot lift the score above zero
             * (a bound, with a margin far above rounding: the spans do not change). */
            /* names.candidate_features: two characters either side, up to the first
             * non-Chinese one. */
            Py_UCS4 lc = have_prev ? ctx(prev) : '#', rc = have_next ? ctx(nxt) : '#';
            double wl2 = packed_weight(
                l2, start >= 2 && lc != '#' ? ctx(at(&t, start - 2)) : '#', lc);
            double wr2 = packed_weight(
                r2, rc, end + 1 < t.len && rc != '#' ? ctx(at(&t, end + 1)) : '#');
            double wg1 = TB(T_G1, c1), wg2 = g == 2 ? TB(T_G2, last) : 0.0;
            double wl1 = TB(T_L1, have_prev ? cix(prev) : 0);
            double wr1 = TB(T_R1, have_next ? cix(nxt) : 0);
            double wn = g == 1 ? k[K_N1] : g == 2 ? k[K_N2] : k[K_N3];
            /* names.candidate_features' transliteration features, added last to the sum */
            int tr_all = s + g <= tr_run;
            int tr_next = tr_all && have_next && nxt <= 0xFFFF && tr[nxt];
            int tr_prev = tr_all && have_prev && prev <= 0xFFFF && tr[prev];
            double wt = (tr_all ? k[K_T1 + g - 1] : 0.0) + (tr_next ? k[K_TN1 + g - 1] : 0.0)
                        + (tr_prev ? k[K_TP1 + g - 1] : 0.0);
            double known = k[K_BIAS] + ws + wn + wsn[g] + wg1 + wl1 + wr1 + wl2 + wr2 + wg2 + wt;
            if (known + best_sets[g] < cut - 1e-6) {
                /* below the floor whatever its set features: weak if a cue stands before it */
                if (cue_pos && push_weak(&weak, &n_weak, &weak_cap, start, end) < 0) goto fail;
                continue;
            }
            double sum = 0.0;
            sum += ws;
            sum += wn;
            if (g < 3) sum += wsn[g];  /* names.candidate_features has no sn: for four */
            sum += wg1;
            sum += wl1;
            sum += wr1;
            sum += wl2;
            sum += wr2;
            int r;
            if (g == 2) {
                sum += wg2;
                r = packed_has(&t, words, start + s, end);
                if (r) sum += k[K_GW];
            }
            r = packed_has(&t, persons, start, end);
            if (r) {
                sum += k[K_NR];
            } else {
                r = packed_has(&t, words, start, end);
                if (r) sum += k[K_W];
            }
            if (g == 2) {
                r = packed_has(&t, words, start, start + s + 1);
                if (r) sum += k[K_SW];
            }
            if (have_prev) {
                r = packed_has(&t, words, start - 1, start + 1);
                if (r) sum += k[K_LW];
            }
            if (have_next) {
                r = packed_has(&t, words, end - 1, end + 1);
                if (r) sum += k[K_BW];
            }
            r = packed_has(&t, words, end, end + 2);
            if (!r) r = packed_has(&t, words, end, end + 3);
            if (r) sum += k[K_RW];
            if (have_prev && (cls(&t, prev, CUE_END) || Py_UNICODE_ISSPACE(prev))) {
                if ((r = left_cue(&t, &nm, start)) < 0) goto fail;
                if (r) sum += k[K_CL];
            }
            if (have_next && nxt <= 0xFFFF && nm.right_of[nxt]) {
                Py_ssize_t c = group_match(
                    &t, PyTuple_GET_ITEM(nm.right_cues, nm.right_of[nxt] - 1), 0, end, -1);
                if (c < 0) goto fail;
                if (c >= 2) sum += k[K_CR];
            }
            if (tr_all) sum += k[K_T1 + g - 1];
            if (tr_next) sum += k[K_TN1 + g - 1];
            if (tr_prev) sum += k[K_TP1 + g - 1];
            double score = k[K_BIAS] + sum;
            if (cue_pos && score < floor_
                && push_weak(&weak, &n_weak, &weak_cap, start, end) < 0) goto fail;
            if (score > 0) {
                if (n_cand == cap) {
                    Py_ssize_t ncap = cap ? 2 * cap : 64;
                    Cand *grown = PyMem_Realloc(cand, (size_t)ncap * sizeof(Cand));
                    if (grown == NULL) { PyErr_NoMemory(); goto fail; }
                    cand = grown;
                    cap = ncap;
                }
                cand[n_cand] = (Cand){score, start, end, n_cand};
                n_cand++;
            }
        }
    }
#undef TB
    /* names._best_first: best score first (ties in text order), none overlapping one taken;
     * then in text order. */
    qsort(cand, (size_t)n_cand, sizeof(Cand), by_score);
    Py_ssize_t n_taken = 0;
    if (n_cand > 1) {
        /* A byte per character marks the characters of the names taken: a candidate (five
         * characters at most) is free when none of its own is marked. Comparing it with every
         * name taken instead made a block of 2,000 lines, as a scan reads a file, quadratic. */
        taken = PyMem_Calloc((size_t)t.len + 1, 1);
        if (taken == NULL) { PyErr_NoMemory(); goto fail; }
    }
    for (Py_ssize_t i = 0; i < n_cand; i++) {
        int free_ = 1;
        if (taken != NULL) {
            for (Py_ssize_t c = cand[i].start; c < cand[i].end && free_; c++) free_ = !taken[c];
            if (free_) memset(taken + cand[i].start, 1, (size_t)(cand[i].end - cand[i].start));
        }
        if (free_) cand[n_taken++] = cand[i];
    }
    qsort(cand, (size_t)n_taken, sizeof(Cand), by_start);
    if (cue_config != NULL) {
        /* names.find_names: the cued names (names_impl, strong cues only) and the scored
         * ones that overlap none of them, in text order. */
        PyObject *cued = names_impl(text, cue_config, 1);
        if (cued == NULL) goto fail;
        Py_ssize_t nc = PyList_GET_SIZE(cued), j = 0;
        /* Both lists are in text order and overlap nowhere within themselves, so a scored
         * name needs comparing only with the first cued name not ending before it (next), and
         * a cued name only with the next weak candidate (w): one pass, not a pass per name. */
        Py_ssize_t next = 0, w = 0;
        for (Py_ssize_t i = 0; i < n_taken || j < nc;) {
            Py_ssize_t ca = PY_SSIZE_T_MAX, cb = 0;
            if (j < nc) {
                PyObject *pair = PyList_GET_ITEM(cued, j);
                ca = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
                cb = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
            }
            if (i < n_taken && cand[i].start < ca) {
                int free_ = 1;
                for (; next < nc; next++) {
                    PyObject *pair = PyList_GET_ITEM(cued, next);
                    Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
                    Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
                    if (b > cand[i].start) {
                        free_ = cand[i].end <= a;
                        break;
                    }
                }
                if (free_ && push_name(out, &t, ph, cand[i].start, cand[i].end) < 0) {
                    Py_DECREF(cued);
                    goto fail;
                }
                i++;
            } else {
                /* the weak candidates are in text order too: by start, then by end */
                while (w < n_weak
                       && (weak[w].start < ca || (weak[w].start == ca && weak[w].end < cb)))
                    w++;
                int drop = w < n_weak && weak[w].start == ca && weak[w].end == cb;
                if (!drop && push_name(out, &t, ph, ca, cb) < 0) {
                    Py_DECREF(cued);
                    goto fail;
                }
                j++;
            }
        }
        Py_DECREF(cued);
        goto done;
    }
    for (Py_ssize_t i = 0; i < n_taken; i++)
        if (push_name(out, &t, ph, cand[i].start, cand[i].end) < 0) goto fail;
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(cand);
    PyMem_Free(weak);
    PyMem_Free(taken);
    return out;
}

/* ---- features(clause, default, config) -> [[str]] -----------------------------------------
 * name_accurate.features (the reference; tests compare the two on generated and real text):
 * the accurate name finder's CRF features of each character of a clause, the same strings in
 * the same order. A position three or more after the last surname gets config's `outside`
 * list itself (the caller tells those positions by identity).
 * config: (version, classes, cls_of, cls, priors, astral_priors, words, persons, person_words,
 * compounds, left_of, left_cues, consts, prior_feats, gq, gp, outside), built by
 * name_accurate._native_config:
 *   classes: a byte per BMP character, FEAT_* bits;
 *   cls_of: a byte per BMP character: what _cls maps it to (0: itself); cls: _cls, called for
 *     the rare characters beyond the BMP;
 *   priors: three byte tables of 65536 (g1, g2, sp): the index of a character's bucket label,
 *     the last index for none; astral_priors: {character: bytes of those three indices};
 *   words, persons: packed tables (names._packed) of jieba's words and person names;
 *   person_words: jieba's person names of 2-4 characters; compounds: the compound surnames;
 *   left_of, left_cues: the strong left cues grouped by last character (names._groups);
 *   consts: the features that read no character, in the order of the C_* indices;
 *   prior_feats: the nine prefixes of the P_* indices, each with every bucket label;
 *   gq, gp: "gq" and "gp" with every three labels (label indices as base-K digits). */
#define FEAT_SINGLE 1   /* a single-character surname */
#define FEAT_SURNAME 2  /* a single surname or a compound surname's first character */
#define FEAT_CUE_END 4  /* the last character of a strong left cue (names._CUE_ENDS) */

enum { TAG_O, TAG_B, TAG_I };
enum {
    C_S, C_SL, C_SLL, C_WB2, C_WB3, C_WE2, C_WE3, C_RW, C_LW, C_NR, C_CUE, C_P,
    C_D = C_P + 4, C_DL = C_D + 3, C_DR = C_DL + 9, C_X = C_DR + 9, C_XD = C_X + 3,
    C_XL = C_XD + 9, C_XR = C_XL + 9, N_CONSTS = C_XR + 9
};
enum { P_G1, P_G2, P_G1R, P_G2R, P_G2RR, P_G1L, P_SP, P_SPL, P_SPLL, N_PRIOR_FEATS };
#define MAX_FEATS 48

/* prefix followed by chars, as a new str of the canonical width. */
static PyObject *feature_str(const char *prefix, const Py_UCS4 *chars, int n_chars) {
    int n_prefix = (int)strlen(prefix);
    Py_UCS4 widest = 0;
    for (int k = 0; k < n_chars; k++)
        if (chars[k] > widest) widest = chars[k];
    PyObject *s = PyUnicode_New(n_prefix + n_chars, widest > 127 ? widest : 127);
    if (s == NULL) return NULL;
    int kind = PyUnicode_KIND(s);
    void *data = PyUnicode_DATA(s);
    for (int k = 0; k < n_prefix; k++) PyUnicode_WRITE(kind, data, k, (Py_UCS4)prefix[k]);
    for (int k = 0; k < n_chars; k++) PyUnicode_WRITE(kind, data, n_prefix + k, chars[k]);
    return s;
}

/* tags[index] = tag with Python's list indexing (negative from the end): 0, or -1 (set). */
static int set_tag(unsigned char *tags, Py_ssize_t size, Py_ssize_t index, unsigned char tag) {
    if (index < 0) index += size;
    if (index < 0 || index >= size) {
        PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
        return -1;
    }
    tags[index] = tag;
    return 0;
}

/* The default spans as B/I tags at 1..n of dtag (n + 2 entries), as the Python loop writes
 * them (the same indexing, the same IndexError for a span outside the clause). */
static int default_tags(PyObject *spans, unsigned char *dtag, Py_ssize_t size) {
    PyObject *seq = PySequence_Fast(spans, "default: a sequence of (start, end) expected");
    if (seq == NULL) return -1;
    int rc = -1;
    for (Py_ssize_t s = 0; s < PySequence_Fast_GET_SIZE(seq); s++) {
        PyObject *pair = PySequence_Fast(PySequence_Fast_GET_ITEM(seq, s),
                                         "default: (start, end) pairs expected");
        if (pair == NULL) goto done;
        if (PySequence_Fast_GET_SIZE(pair) != 2) {
            Py_DECREF(pair);
            PyErr_SetString(PyExc_ValueError, "default: (start, end) pairs expected");
            goto done;
        }
        Py_ssize_t a = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 0));
        Py_ssize_t b = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(pair, 1));
        Py_DECREF(pair);
        if (PyErr_Occurred()) goto done;
        /* Out of range either way before a + 1 could overflow. */
        if (a >= size || a < -size - 1) {
            PyErr_SetString(PyExc_IndexError, "list assignment index out of range");
            goto done;
        }
        if (set_tag(dtag, size, a + 1, TAG_B) < 0) goto done;
        for (Py_ssize_t k = a + 2; k <= b; k++)  /* ends at an IndexError by k == size */
            if (set_tag(dtag, size, k, TAG_I) < 0) goto done;
    }
    rc = 0;
done:
    Py_DECREF(seq);
    return rc;
}

typedef struct {
    const unsigned char *classes, *cls_of, *priors;
    PyObject *cls, *astral_priors;
    int labels; /* bucket labels, "?" (no prior) last */
} FeatTables;

/* The character as the model sees it (_cls): 0, or -1 (set). */
static int model_char(const FeatTables *ft, Py_UCS4 ch, Py_UCS4 *out) {
    if (ch <= 0xFFFF) {
        *out = ft->cls_of[ch] ? ft->cls_of[ch] : ch;
        return 0;
    }
    PyObject *s = PyUnicode_FromOrdinal((int)ch);
    if (s == NULL) return -1;
    PyObject *r = PyObject_CallOneArg(ft->cls, s);
    Py_DECREF(s);
    if (r == NULL) return -1;
    if (!PyUnicode_Check(r) || PyUnicode_GET_LENGTH(r) != 1) {
        Py_DECREF(r);
        PyErr_SetString(PyExc_ValueError, "cls: one character expected");
        return -1;
    }
    *out = PyUnicode_READ_CHAR(r, 0);
    Py_DECREF(r);
    return 0;
}

/* The bucket label indices (g1, g2, sp) of a character: 0, or -1 (set). */
static int prior_buckets(const FeatTables *ft, Py_UCS4 ch, unsigned char out[3]) {
    if (ch <= 0xFFFF) {
        for (int k = 0; k < 3; k++) out[k] = ft->priors[(size_t)k * 65536 + ch];
    } else {
        for (int k = 0; k < 3; k++) out[k] = (unsigned char)(ft->labels - 1);
        if (PyDict_GET_SIZE(ft->astral_priors)) {
            PyObject *s = PyUnicode_FromOrdinal((int)ch);
            if (s == NULL) return -1;
            PyObject *v = PyDict_GetItemWithError(ft->astral_priors, s);
            Py_DECREF(s);
            if (v == NULL && PyErr_Occurred()) return -1;
            if (v != NULL) {
                if (!PyBytes_Check(v) || PyBytes_GET_SIZE(v) != 3) {
                    PyErr_SetString(PyExc_ValueError, "astral_priors: 3 bytes expected");
                    return -1;
                }
                memcpy(out, PyBytes_AS_STRING(v), 3);
            }
        }
    }
    for (int k = 0; k < 3; k++)
        if (out[k] >= ft->labels) {
            PyErr_SetString(PyExc_ValueError, "priors: a bucket index out of range");
            return -1;
        }
    return 0;
}

static PyObject *features(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *clause, *spans, *config, *person_words, *compounds, *consts, *prior_feats, *gq,
        *gp, *outside;
    Py_buffer classes, cls_of, priors, wk, pk, left_of;
    FeatTables ft;
    Names nm;
    Packed words, persons;
    long version;
    if (!PyArg_ParseTuple(args, "UOO!", &clause, &spans, &PyTuple_Type, &config)
        || config_shape(config, 17) < 0
        || !PyArg_ParseTuple(config, "ly*y*Oy*O!y*y*O!O!y*O!O!O!O!O!O!", &version, &classes,
                             &cls_of, &ft.cls, &priors, &PyDict_Type, &ft.astral_priors, &wk,
                             &pk, &PyFrozenSet_Type, &person_words, &PyFrozenSet_Type,
                             &compounds, &left_of, &PyTuple_Type, &nm.left_cues,
                             &PyTuple_Type, &consts, &PyTuple_Type, &prior_feats,
                             &PyTuple_Type, &gq, &PyTuple_Type, &gp, &PyList_Type, &outside))
        return NULL;
    PyObject *out = NULL;
    Py_UCS4 *pad = NULL;
    unsigned char *dtag = NULL, *ptag = NULL, *bk = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(clause), size = n + 2, labels;
    if (table(&classes, "classes") < 0 || table(&cls_of, "cls_of") < 0
        || table(&left_of, "left_of") < 0 || packed_view(&wk, NULL, &words, "words") < 0
        || packed_view(&pk, NULL, &persons, "persons") < 0)
        goto done;
    if (priors.len != 3 * 65536) {
        PyErr_SetString(PyExc_ValueError, "priors: three tables of 65536 bytes expected");
        goto done;
    }
    labels = PyTuple_GET_SIZE(prior_feats) / N_PRIOR_FEATS;
    if (PyTuple_GET_SIZE(consts) != N_CONSTS || labels < 1 || labels > 255
        || PyTuple_GET_SIZE(prior_feats) != N_PRIOR_FEATS * labels
        || PyTuple_GET_SIZE(gq) != labels * labels * labels
        || PyTuple_GET_SIZE(gp) != labels * labels * labels) {
        PyErr_SetString(PyExc_ValueError, "consts, prior_feats, gq, gp: sizes do not agree");
        goto done;
    }
    ft.classes = classes.buf;
    ft.cls_of = cls_of.buf;
    ft.priors = priors.buf;
    ft.labels = (int)labels;
    nm.left_of = left_of.buf;
    Text t = {PyUnicode_KIND(clause), PyUnicode_DATA(clause), n, clause, classes.buf};
    PyObject *const *cst = &PyTuple_GET_ITEM(consts, 0);
    PyObject *const *pf = &PyTuple_GET_ITEM(prior_feats, 0);
    /* pad: "^^" + the clause as the model sees it + "$$"; bk: its characters' buckets. */
    pad = PyMem_Malloc((size_t)(n + 4) * sizeof(Py_UCS4));
    dtag = PyMem_Calloc((size_t)size, 1);
    ptag = PyMem_Calloc((size_t)size, 1);
    bk = PyMem_Malloc((size_t)(n + 4) * 3);
    if (pad == NULL || dtag == NULL || ptag == NULL || bk == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    pad[0] = pad[1] = '^';
    pad[n + 2] = pad[n + 3] = '$';
    for (Py_ssize_t i = 0; i < n; i++)
        if (model_char(&ft, at(&t, i), &pad[i + 2]) < 0) goto done;
    for (Py_ssize_t j = 0; j < n + 4; j++)
        if (prior_buckets(&ft, pad[j], &bk[3 * j]) < 0) goto done;
    if (default_tags(spans, dtag, size) < 0) goto done;
    /* jieba's person names from each surname character not inside one, longest first. */
    for (Py_ssize_t a = 0; a < n; a++) {
        Py_UCS4 ch = at(&t, a);
        if (ptag[a + 1] != TAG_O || ch > 0xFFFF || !(ft.classes[ch] & FEAT_SURNAME)) continue;
        for (Py_ssize_t k = 4; k >= 2; k--) {
            if (a + k > n) continue;
            int r = in_set(&t, person_words, a, a + k);
            if (r < 0) goto done;
            if (r) {
                ptag[a + 1] = TAG_B;
                for (Py_ssize_t q = a + 2; q <= a + k; q++) ptag[q] = TAG_I;
                break;
            }
        }
    }
    out = PyList_New(n);
    if (out == NULL) goto done;
#define SINGLE_AT(ch) ((ch) <= 0xFFFF && (ft.classes[ch] & FEAT_SINGLE))
#define G1(j) bk[3 * (j)]
#define G2(j) bk[3 * (j) + 1]
#define SP(j) bk[3 * (j) + 2]
    Py_ssize_t last = -9;  /* the last surname position */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t j = i + 2;
        Py_UCS4 c = pad[j];
        int surname = SINGLE_AT(c);
        if (!surname && c <= 0xFFFF && (ft.classes[c] & FEAT_SURNAME)) {
            surname = in_set(&t, compounds, i, i + 2);
            if (surname < 0) goto fail;
        }
        if (surname) {
            last = i;
        } else if (i - last > 3) {
            Py_INCREF(outside);
            PyList_SET_ITEM(out, i, outside);
            continue;
        }
        Py_UCS4 l1 = pad[j - 1], r1 = pad[j + 1], l2 = pad[j - 2], r2 = pad[j + 2];
        PyObject *fs[MAX_FEATS];
        int m = 0, d = dtag[i + 1], pt = ptag[i + 1];
        Py_UCS4 ll = i >= 1 ? pad[j - 3] : '^';
        struct { const char *prefix; Py_UCS4 chars[3]; int n; } grams[] = {
            {"c", {c}, 1}, {"l", {l1}, 1}, {"r", {r1}, 1}, {"L", {l2}, 1}, {"R", {r2}, 1},
            {"lc", {l1, c}, 2}, {"cr", {c, r1}, 2}, {"Lc", {l2, l1, c}, 3},
            {"cR", {c, r1, r2}, 3}, {"lr", {l1, c, r1}, 3}, {"L2", {l2, l1}, 2},
            {"R2", {r1, r2}, 2}, {"LL", {ll}, 1}, {"RR", {i < n - 1 ? pad[j + 3] : 0},
                                                    i < n - 1 ? 1 : 0},
        };
        for (size_t g = 0; g < sizeof grams / sizeof grams[0]; g++) {
            fs[m] = feature_str(grams[g].prefix, grams[g].chars, grams[g].n);
            if (fs[m] == NULL) goto fail_fs;
            m++;
        }
        int on[C_CUE + 1] = {0};
        on[C_S] = SINGLE_AT(c);
        on[C_SL] = SINGLE_AT(l1);
        on[C_SLL] = SINGLE_AT(l2);
        on[C_WB2] = packed_has(&t, &words, i, i + 2);
        on[C_WB3] = packed_has(&t, &words, i, i + 3);
        on[C_WE2] = i >= 1 && packed_has(&t, &words, i - 1, i + 1);
        on[C_WE3] = i >= 2 && packed_has(&t, &words, i - 2, i + 1);
        /* A word right after or right before the position. */
        on[C_RW] = packed_has(&t, &words, i + 1, i + 3) || packed_has(&t, &words, i + 1, i + 4);
        on[C_LW] = i >= 2 && (packed_has(&t, &words, i - 2, i)
                              || (i >= 3 && packed_has(&t, &words, i - 3, i)));
        on[C_NR] = packed_has(&t, &persons, i, i + 2) || packed_has(&t, &persons, i, i + 3);
        if (i == last && i) {
            Py_UCS4 prev = at(&t, i - 1);
            if (prev <= 0xFFFF && (ft.classes[prev] & FEAT_CUE_END)) {
                on[C_CUE] = left_cue(&t, &nm, i);
                if (on[C_CUE] < 0) goto fail_fs;
            }
        }
        PyObject *picked[MAX_FEATS];
        int k = 0;
        picked[k++] = cst[C_D + d];
        picked[k++] = cst[C_DL + 3 * dtag[i] + d];
        picked[k++] = cst[C_DR + 3 * d + dtag[i + 2]];
        picked[k++] = cst[C_P + (i - last)];
        for (int q = C_S; q <= C_CUE; q++)
            if (on[q]) picked[k++] = cst[q];
        int K = ft.labels;
        picked[k++] = pf[P_G1 * K + G1(j)];
        picked[k++] = pf[P_G2 * K + G2(j)];
        picked[k++] = pf[P_G1R * K + G1(j + 1)];
        picked[k++] = pf[P_G2R * K + G2(j + 1)];
        picked[k++] = pf[P_G2RR * K + G2(j + 2)];
        picked[k++] = pf[P_G1L * K + G1(j - 1)];
        picked[k++] = pf[P_SP * K + SP(j)];
        picked[k++] = pf[P_SPL * K + SP(j - 1)];
        picked[k++] = pf[P_SPLL * K + SP(j - 2)];
        picked[k++] = PyTuple_GET_ITEM(gq, (SP(j - 2) * K + G1(j - 1)) * K + G2(j));
        picked[k++] = PyTuple_GET_ITEM(gp, (SP(j - 1) * K + G1(j)) * K + G2(j + 1));
        picked[k++] = cst[C_X + pt];
        picked[k++] = cst[C_XD + 3 * pt + d];
        picked[k++] = cst[C_XL + 3 * ptag[i] + pt];
        picked[k++] = cst[C_XR + 3 * pt + ptag[i + 2]];
        PyObject *f = PyList_New(m + k);
        if (f == NULL) goto fail_fs;
        for (int q = 0; q < m; q++) PyList_SET_ITEM(f, q, fs[q]);
        for (int q = 0; q < k; q++) {
            Py_INCREF(picked[q]);
            PyList_SET_ITEM(f, m + q, picked[q]);
        }
        PyList_SET_ITEM(out, i, f);
        continue;
    fail_fs:
        for (int q = 0; q < m; q++) Py_DECREF(fs[q]);
        goto fail;
    }
#undef SINGLE_AT
#undef G1
#undef G2
#undef SP
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(pad);
    PyMem_Free(dtag);
    PyMem_Free(ptag);
    PyMem_Free(bk);
    PyBuffer_Release(&classes);
    PyBuffer_Release(&cls_of);
    PyBuffer_Release(&priors);
    PyBuffer_Release(&wk);
    PyBuffer_Release(&pk);
    PyBuffer_Release(&left_of);
    return out;
}

static PyMethodDef methods[] = {
    {"scored", scored, METH_VARARGS,
     "scored(text, (version, classes, per_char, compounds, l2, r2, scalars, words, persons, "
     "left_of, left_cues, right_of, right_cues)[, cue_config[, phrases]]) -> [(start, end)]"},
    {"names", names, METH_VARARGS,
     "names(text, (version, classes, left_of, left_cues, right_of, right_cues, compounds, "
     "persons, words, common), strong_only=False) -> [(start, end)]"},
    {"features", features, METH_VARARGS,
     "features(clause, default, (version, classes, cls_of, cls, priors, astral_priors, words, "
     "persons, person_words, compounds, left_of, left_cues, consts, prior_feats, gq, gp, "
     "outside)) -> [[str]]"},
    {"terms", terms, METH_VARARGS,
     "terms(text, (version, first_of, groups)) -> [(start, end)]"},
    {"anchors", anchors, METH_VARARGS,
     "anchors(text, (version, classes, lengths, pairs, places, levels, numbered, common, "
     "street, org, level_on, title_on, org_after, max_units, fill_max, run_max, org_span)) "
     "-> [(start, end)]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cjk", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__cjk(void) {
    PyObject *m = module_with_interface(&module, 7);
    if (m != NULL && PyModule_AddIntConstant(m, "CONFIG_VERSION", CONFIG_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
