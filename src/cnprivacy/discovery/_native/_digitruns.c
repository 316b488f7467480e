/* Identifier regions of a text that are digit runs, found and checked in C.
 *
 * An optional accelerator for cnprivacy.discovery.detect (the pure-Python path is the
 * reference; tests compare the two span for span). scan() walks the text once:
 *   - regions are the runs of cnprivacy.discovery.detect._REGIONS (a start character, then
 *     continuation characters), given as a 65536-byte class table built in Python;
 *   - a region whose folded core (trailing commas removed) is digits, single separators
 *     (space, dash and their wide forms) between digits and at most a final X is handled
 *     here exactly as the combined pattern and detect._grouped_spans handle it: the whole
 *     core is the candidate, split into groups, the longest run of groups that validates wins;
 *   - a region whose core is exactly one plain ASCII e-mail address (the shape the combined
 *     pattern's e-mail branch matches whole) is an e-mail span; a region whose core is
 *     digits and at most two dots with no digit run of ten or more (amounts, versions) holds
 *     no candidate the pattern would keep (see ascii_region);
 *   - every other region of three or more characters is returned to Python.
 * Checks done here: GB 11643 resident IDs (province table, real birth date not after today,
 * ISO 7064 MOD 11-2), payment cards (scheme prefix and length, Luhn, not an ID-shaped number),
 * mobiles and landlines (also after 0086) by automata built in Python from phonenumbers' CN
 * patterns (digitdfa.py: the same numbers as the patterns), unified social credit codes
 * (GB 32100 character table and weights). No global mutable state.
 */
#include "_common.h"
#include <stdint.h>
#include <string.h>

#define START 1
#define CONT 2
#define PROV 4  /* a plate's province character */
#define COMMA 8 /* ',' and its full-width form */
#define MAXCORE 256
/* detect._MIN_JOINED and _MAX_JOINED: no shorter or longer compact value can validate, so no
 * such window is tried. */
#define MIN_JOINED 10
#define MAX_JOINED 19

enum { T_NONE = -1, T_RID = 0, T_MOBILE = 1, T_CARD = 2, T_EMAIL = 3, T_IP = 4,
       T_LANDLINE = 5, T_PASSPORT = 6, T_PERMIT = 7, T_PLATE = 8, T_USCC = 9, NTYPES = 10 };
/* The type names of the T_* values, in enum order: exported as TYPE_ORDER, which the Python
 * side compares with the names it passes (a mismatch refuses the build at import). */
static const char *const TYPE_NAMES[NTYPES] = {
    "cn_resident_id", "cn_mobile", "bank_card", "email", "ip_address", "cn_landline",
    "cn_passport", "hk_macau_permit", "license_plate", "uscc"};

/* A deterministic automaton over the ten digits: next[state * 10 + digit], -1 = no match. */
typedef struct {
    const int32_t *next;
    const unsigned char *accept;
    Py_ssize_t states;
} Dfa;
enum { SHAPE_ALNUM = 0, SHAPE_PLATE = 1 };

typedef struct {
    const unsigned char *classes;   /* 65536 entries: START | CONT bits */
    const unsigned char *provinces; /* 100 entries: 1 = province code exists */
    Dfa mobile, fixed;              /* national mobile and fixed-line numbers */
    const unsigned char *fold;      /* 65536 entries: the digit-run fold (see fold_char) */
    const unsigned char *card_lengths; /* 10000 entries: bit n - 13 = length n allowed */
    long today;                     /* YYYYMMDD */
    PyObject *types;                /* names of the T_* types, in their order */
    PyObject *asked;                /* (start, end, shape) left for Python when decide = 0 */
    int decide;                     /* 0: plates and travel documents left to Python too */
    Py_ssize_t windows;             /* group windows tried (the bound tests check) */
} Ctx;

/* The configuration tuple's version and length: detect.native_config() builds it once from
 * the Python registry; a tuple of another shape is refused, never read. */
#define CONFIG_VERSION 1
#define CONFIG_ITEMS 10

static const int RID_W[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

static inline int all_digits(const char *v, int n) {
    for (int i = 0; i < n; i++)
        if (v[i] < '0' || v[i] > '9') return 0;
    return 1;
}


static int province(const Ctx *c, const char *v) {
    return c->provinces[(v[0] - '0') * 10 + (v[1] - '0')];
}

static int is_rid(const Ctx *c, const char *v, int n) {
    if (n == 18) {
        if (!all_digits(v, 17) || !((v[17] >= '0' && v[17] <= '9') || v[17] == 'X')) return 0;
    } else if (n != 15 || !all_digits(v, n)) {
        return 0;
    }
    if (!province(c, v)) return 0;
    long born = birth_ymd(v, n);
    if (born < 19000101 || born > c->today) return 0;
    if (n == 15) return 1;
    int total = 0;
    for (int i = 0; i < 17; i++) total += (v[i] - '0') * RID_W[i];
    total += v[17] == 'X' ? 10 : v[17] - '0';
    return total % 11 == 1;
}

static int id_shaped(const Ctx *c, const char *v, int n) {
    return n == 18 && all_digits(v, 17) && province(c, v) && birth_ymd(v, n) >= 19000101;
}

/* GB 32100 unified social credit codes: the character set and the check-character weights
 * (exported as USCC_ALPHABET and USCC_WEIGHTS, checked against pitypes.uscc at import). */
static const char USCC_ALPHABET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int USCC_W[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static int uscc_value(char ch) {
    const char *p = ch ? strchr(USCC_ALPHABET, ch) : NULL;
    return p ? (int)(p - USCC_ALPHABET) : -1;
}

/* pitypes.uscc.is_valid: an authority digit, eight digits with a real province at 3-4, not a
 * resident-ID shape, the rest in the character set, the check character. */
static int is_uscc(const Ctx *c, const char *v, int n) {
    if (n != 18 || v[0] < '1' || v[0] > '9' || !all_digits(v, 8) || !c->provinces[
            (v[2] - '0') * 10 + (v[3] - '0')] || id_shaped(c, v, n))
        return 0;
    int total = 0;
    for (int i = 0; i < 17; i++) {
        int x = uscc_value(v[i]);
        if (x < 0) return 0;
        total += x * USCC_W[i];
    }
    return uscc_value(v[17]) == (31 - total % 31) % 31;
}

/* Scheme and length rules, generated in Python from bank_card.scheme_length_ok (which reads
 * only the first four digits and the length): one byte of length bits per prefix. */
static int card_length_ok(const Ctx *c, const char *v, int n) {
    int p4 = (int)digits_value(v, 0, 4);
    return (c->card_lengths[p4] >> (n - 13)) & 1;
}

static int is_card(const Ctx *c, const char *v, int n) {
    static const int dbl[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};
    if (n < 13 || n > 19 || !all_digits(v, n) || id_shaped(c, v, n) || !card_length_ok(c, v, n))
        return 0;
    int total = 0;
    for (int i = n - 1, k = 0; i >= 0; i--, k++) total += k % 2 ? dbl[v[i] - '0'] : v[i] - '0';
    return total % 10 == 0;
}

static inline int dfa_accepts(const Dfa *d, const char *v, int n) {
    int32_t state = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9') return 0;
        state = d->next[state * 10 + (v[i] - '0')];
        if (state < 0 || state >= d->states) return 0;
    }
    return d->accept[state];
}

/* pitypes.landline.is_valid for a national number that may still carry its trunk 0. */
static int landline(const Ctx *c, const char *v, int n) {
    if (n > 0 && v[0] == '0') {
        v++;
        n--;
    }
    return n >= 9 && n <= 11 && dfa_accepts(&c->fixed, v, n);
}

/* detect.classify_digits for a compact value: a type or T_NONE. */
static int classify(const Ctx *c, const char *v, int n) {
    int cc = n >= 4 && memcmp(v, "0086", 4) == 0 ? 4 : n >= 3 && memcmp(v, "+86", 3) == 0 ? 3 : 0;
    if (cc) {
        if (n - cc == 11 && dfa_accepts(&c->mobile, v + cc, 11)) return T_MOBILE;
        return landline(c, v + cc, n - cc) ? T_LANDLINE : T_NONE;
    }
    if (n == 18) {
        if (is_rid(c, v, n)) return T_RID;
        if (is_uscc(c, v, n)) return T_USCC;
        return is_card(c, v, n) ? T_CARD : T_NONE;
    }
    if (n == 15 && is_rid(c, v, n)) return T_RID;
    if (n == 11 && v[0] == '1') return dfa_accepts(&c->mobile, v, 11) ? T_MOBILE : T_NONE;
    if (v[0] == '0' && n >= 10 && n <= 12) return landline(c, v, n) ? T_LANDLINE : T_NONE;
    if (n >= 13 && n <= 19 && is_card(c, v, n)) return T_CARD;
    return T_NONE;
}

/* Append (start, end, type) for a classified value; returns 0 when nothing, 1 when a span
 * was added, -1 on error. */
static int emit(const Ctx *c, PyObject *out, const char *v, int n, Py_ssize_t s, Py_ssize_t e) {
    int t = classify(c, v, n);
    if (t == T_NONE) return 0;
    return push_span(out, s, e, PyTuple_GET_ITEM(c->types, t)) < 0 ? -1 : 1;
}

/* Fold one region character for the digit-run shape: a digit, ' ', '-', 'X', ',', '+' or 0,
 * from the table detect.native_config() generates from normalize.FOLD_TABLE. */
static inline char fold_char(const Ctx *c, Py_UCS4 ch) {
    return ch <= 0xFFFF ? (char)c->fold[ch] : 0;
}

static inline int is_alnum(Py_UCS4 ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static inline int is_alpha(Py_UCS4 ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* Whether core [0, n) is exactly one e-mail as the combined pattern's e-mail branch matches
 * it whole from the region's first character: local part [A-Za-z0-9][A-Za-z0-9._%+-]{0,63},
 * one '@', labels [A-Za-z0-9-]+ joined by single dots, the last one [A-Za-z]{2,24}. Greedy
 * matching then takes the whole core (the look-ahead sees a comma or the region's end). */
static int whole_email(int kind, const void *data, Py_ssize_t rs, Py_ssize_t n) {
    Py_ssize_t i = 0;
    Py_UCS4 ch = PyUnicode_READ(kind, data, rs);
    if (!is_alnum(ch)) return 0;
    for (i = 1; i < n; i++) {
        ch = PyUnicode_READ(kind, data, rs + i);
        if (ch == '@') break;
        if (!(is_alnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-'))
            return 0;
    }
    if (i >= n || i > 64) return 0;
    Py_ssize_t label = 0, labels = 0, alpha = 1;
    for (i = i + 1; i < n; i++) {
        ch = PyUnicode_READ(kind, data, rs + i);
        if (ch == '.') {
            if (label == 0) return 0;
            labels++;
            label = 0;
            alpha = 1;
        } else if (is_alnum(ch) || ch == '-') {
            label++;
            if (!is_alpha(ch)) alpha = 0;
        } else {
            return 0;
        }
    }
    return labels >= 1 && alpha && label >= 2 && label <= 24;
}

static int append_span(PyObject *out, Py_ssize_t s, Py_ssize_t e, PyObject *type) {
    return push_span(out, s, e, type) < 0 ? -1 : 1;
}

/* A candidate the combined pattern matches whole, left to Python: only when the caller asks
 * for it (decide = 0, a test hook that swaps the plate, document and USCC validators); the
 * caller validates each (start, end, shape) after the call. 1, or -1 on error. */
static int ask_other(const Ctx *c, int shape, Py_ssize_t s, Py_ssize_t e) {
    PyObject *t = Py_BuildValue("(nni)", s, e, shape);
    if (t == NULL) return -1;
    int rc = PyList_Append(c->asked, t);
    Py_DECREF(t);
    return rc < 0 ? -1 : 1;
}

static inline int is_digit(Py_UCS4 ch) { return ch >= '0' && ch <= '9'; }
static inline int is_upper_alnum(Py_UCS4 ch) { return is_digit(ch) || (ch >= 'A' && ch <= 'Z'); }

/* Whether [s, s + n) is a dotted quad whose every octet the pattern's ipv4 branch matches
 * whole: 0, or 1-255 without a leading zero. */
static int canonical_quad(int kind, const void *data, Py_ssize_t s, Py_ssize_t n) {
    int octets = 0, digits = 0, value = 0, lead = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 ch = i < n ? PyUnicode_READ(kind, data, s + i) : '.';
        if (ch == '.') {
            if (digits == 0 || value > 255 || (lead == '0' && digits > 1)) return 0;
            octets++;
            digits = value = 0;
        } else if (is_digit(ch)) {
            if (digits == 0) lead = (int)ch;
            if (++digits > 3) return 0;
            value = value * 10 + (int)(ch - '0');
        } else {
            return 0;
        }
    }
    return octets == 4;
}

/* Whether [0, n) matches the alnum branch whole: [A-Z][0-9A-Z]?\d{7,10} or
 * [0-9A-Z]{2}\d{6}[0-9A-Z]{10}. */
static int alnum_shape(int kind, const void *data, Py_ssize_t rs, Py_ssize_t n) {
#define AT(i) PyUnicode_READ(kind, data, rs + (i))
    if (n == 18) {
        int ok = is_upper_alnum(AT(0)) && is_upper_alnum(AT(1));
        for (int i = 2; ok && i < 8; i++) ok = is_digit(AT(i));
        for (int i = 8; ok && i < 18; i++) ok = is_upper_alnum(AT(i));
        if (ok) return 1;
    }
    if (n < 8 || n > 12 || !(AT(0) >= 'A' && AT(0) <= 'Z')) return 0;
    int tail = 1;  /* digits from position 2 on */
    for (Py_ssize_t i = 2; tail && i < n; i++) tail = is_digit(AT(i));
    if (!tail) return 0;
    /* A digit second: \d{7,10} takes n - 1 digits, or the optional character takes it and
     * \d{7,10} the n - 2 after it. */
    if (is_digit(AT(1))) return (n - 1 >= 7 && n - 1 <= 10) || (n - 2 >= 7 && n - 2 <= 10);
    return is_upper_alnum(AT(1)) && n - 2 >= 7 && n - 2 <= 10;
#undef AT
}

/* Whether [0, n) is one plate the plate branch matches whole: a province character,
 * [A-Z], an optional separator, 4-6 of [A-HJ-NP-Z0-9] (the branch's optional final 挂学警港澳
 * never occurs here: regions do not contain those characters). */
static int plate_shape(const Ctx *c, int kind, const void *data, Py_ssize_t rs, Py_ssize_t n) {
    if (n < 6 || !(c->classes[PyUnicode_READ(kind, data, rs)] & PROV)) return 0;
    Py_UCS4 letter = PyUnicode_READ(kind, data, rs + 1);
    if (!(letter >= 'A' && letter <= 'Z')) return 0;
    Py_ssize_t i = 2;
    Py_UCS4 sep = PyUnicode_READ(kind, data, rs + 2);
    if (sep == 0xB7 || sep == 0x2022 || sep == '-' || sep == ' ') i++;
    Py_ssize_t body = n - i;
    for (; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, rs + i);
        if (!is_upper_alnum(ch) || ch == 'I' || ch == 'O') return 0;
    }
    return body >= 4 && body <= 6;
}

static inline int plate_letter(Py_UCS4 ch) {
    return is_upper_alnum(ch) && ch != 'I' && ch != 'O';  /* [A-HJ-NP-Z0-9] */
}

/* pitypes.plate.is_valid for a region plate_shape accepted: after the province character,
 * the letter and the optional separator, the body is [A-HJ-NP-Z0-9]{5} (ordinary) or
 * [DF][A-HJ-NP-Z0-9]\d{4} | \d{5}[DF] (new energy). */
static int plate_body(int kind, const void *data, Py_ssize_t rs, Py_ssize_t n) {
#define AT(i) PyUnicode_READ(kind, data, rs + (i))
    Py_UCS4 sep = AT(2);
    Py_ssize_t b = (sep == 0xB7 || sep == 0x2022 || sep == '-' || sep == ' ') ? 3 : 2;
    Py_ssize_t len = n - b;
    if (len == 5) return 1;  /* plate_shape checked every character */
    if (len != 6) return 0;
    int digit[6];
    for (int i = 0; i < 6; i++) digit[i] = is_digit(AT(b + i));
    Py_UCS4 first = AT(b), last = AT(b + 5);
    if ((first == 'D' || first == 'F') && plate_letter(AT(b + 1)) && digit[2] && digit[3]
        && digit[4] && digit[5])
        return 1;
    return digit[0] && digit[1] && digit[2] && digit[3] && digit[4] && (last == 'D' || last == 'F');
#undef AT
}

/* pitypes.passport.is_valid, then permit.is_valid, for an alnum-shaped region of 8-12 characters:
 * T_PASSPORT, T_PERMIT or T_NONE. */
static int travel_document(int kind, const void *data, Py_ssize_t rs, Py_ssize_t n) {
#define AT(i) PyUnicode_READ(kind, data, rs + (i))
    int tail7 = n >= 9;
    for (Py_ssize_t i = 2; tail7 && i < 9; i++) tail7 = is_digit(AT(i));
    Py_UCS4 a = AT(0), b = AT(1);
    if (n == 9 && tail7) {
        if ((a == 'E' || a == 'G') && is_digit(b)) return T_PASSPORT;
        if (a == 'E' && b >= 'A' && b <= 'Z' && b != 'I' && b != 'O') return T_PASSPORT;
        if ((a == 'H' || a == 'M') && is_digit(b)) return T_PERMIT;
        if (a == 'C' && plate_letter(b)) return T_PERMIT;
    }
    if (n == 11 && tail7 && (a == 'H' || a == 'M') && is_digit(b) && is_digit(AT(9))
        && is_digit(AT(10)))
        return T_PERMIT;
    return T_NONE;
#undef AT
}

/* A region that is not a digit run, trailing commas and province characters removed
 * ([rs, rs + n)): 1 if its spans are certain here (appended), 0 if Python must look, -1 on
 * error. Each shape below is one the combined pattern can only match whole from the first
 * character; its look-behind forbids any later start inside a run of letters and digits. */
static int ascii_region(const Ctx *c, PyObject *out, int kind, const void *data,
                        Py_ssize_t rs, Py_ssize_t n) {
    Py_UCS4 first = PyUnicode_READ(kind, data, rs);
    if (first > 0x7F) {
        if (!plate_shape(c, kind, data, rs, n)) return 0;
        if (!c->decide) return ask_other(c, SHAPE_PLATE, rs, rs + n);
        if (!plate_body(kind, data, rs, n)) return 1;
        return append_span(out, rs, rs + n, PyTuple_GET_ITEM(c->types, T_PLATE));
    }
    int dots = 0, run = 0, longest = 0, at = 0, letters = 0, space = -1, other = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, rs + i);
        if (ch >= '0' && ch <= '9') {
            if (++run > longest) longest = run;
            continue;
        }
        run = 0;
        if (ch > 0x7F) return 0;
        if (is_alpha(ch)) letters++;
        else if (ch == '.') dots++;
        else if (ch == '@') at++;
        else if (ch == ' ' && space < 0) space = (int)i;
        else other++;
    }
    if (at == 1 && space < 0) {
        if (!whole_email(kind, data, rs, n)) return 0;
        return append_span(out, rs, rs + n, PyTuple_GET_ITEM(c->types, T_EMAIL));
    }
    if (at || other) return 0;
    if (space < 0 && dots == 0 && letters > 0) {
        /* Letters and digits only: the alnum branch whole, or nothing at all. */
        if (!alnum_shape(kind, data, rs, n)) return 1;
        if (!c->decide) return ask_other(c, SHAPE_ALNUM, rs, rs + n);
        if (n == 18) {
            char code[18];
            for (int i = 0; i < 18; i++) code[i] = (char)PyUnicode_READ(kind, data, rs + i);
            return is_uscc(c, code, 18) ? append_span(out, rs, rs + n,
                                                      PyTuple_GET_ITEM(c->types, T_USCC)) : 1;
        }
        int t = travel_document(kind, data, rs, n);
        return t == T_NONE ? 1 : append_span(out, rs, rs + n, PyTuple_GET_ITEM(c->types, t));
    }
    Py_ssize_t q = 0;
    if (space >= 0) {
        /* "IP 1.2.3.4": a word of letters, one space, a dotted quad. */
        for (Py_ssize_t i = 0; i < space; i++)
            if (!is_alpha(PyUnicode_READ(kind, data, rs + i))) return 0;
        if (space == 0) return 0;
        q = space + 1;
    } else if (letters) {
        return 0;
    }
    if (dots == 3 && canonical_quad(kind, data, rs + q, n - q))
        return append_span(out, rs + q, rs + n, PyTuple_GET_ITEM(c->types, T_IP));
    if (space >= 0) return 0;
    /* Digits and at most two dots: no '@', ':', letter, comma or separator, so only a digit
     * run (kept from ten digits on) could be a span. */
    return dots <= 2 && longest < 10;
}

/* A region [rs, re) of the text: 1 if handled here, 0 if Python must handle it, -1 error. */
static int digit_run(Ctx *c, PyObject *out, int kind, const void *data, Py_ssize_t rs,
                     Py_ssize_t n, char *core, Py_ssize_t *ga, Py_ssize_t *gb);

static int digit_region(Ctx *c, PyObject *out, int kind, const void *data,
                        Py_ssize_t rs, Py_ssize_t re) {
    Py_ssize_t n = re - rs;
    /* Trailing commas and province characters are in no candidate (a province character
     * starts a plate only with a letter after it) and end a candidate as the region's end
     * does. */
    while (n > 0) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, rs + n - 1);
        if (ch != ',' && ch != 0xFF0C && !(c->classes[ch] & PROV)) break;
        n--;
    }
    if (n == 0) return 0;
    if (n < MAXCORE) {
        char core[MAXCORE];
        Py_ssize_t ga[MAXCORE], gb[MAXCORE];
        return digit_run(c, out, kind, data, rs, n, core, ga, gb);
    }
    /* A long region (a line of phone numbers, a number table read as text): the same walk on
     * the heap, linear in its length. */
    char *core = PyMem_Malloc((size_t)n);
    Py_ssize_t *ga = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    Py_ssize_t *gb = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    int rc = -1;
    if (core == NULL || ga == NULL || gb == NULL)
        PyErr_NoMemory();
    else
        rc = digit_run(c, out, kind, data, rs, n, core, ga, gb);
    PyMem_Free(core);
    PyMem_Free(ga);
    PyMem_Free(gb);
    return rc;
}

/* The separators in core [a, b): at most one between two groups, so a run of groups spans
 * fewer than 2 * MAX_JOINED characters whenever its compact form fits (the walk is bounded). */
static inline Py_ssize_t seps_between(const char *core, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t k = 0;
    for (Py_ssize_t i = a; i < b; i++) k += core[i] == ' ' || core[i] == '-';
    return k;
}

/* digit_region for a core [rs, rs + n) (trailing commas removed), with buffers of n entries. */
static int digit_run(Ctx *c, PyObject *out, int kind, const void *data, Py_ssize_t rs,
                     Py_ssize_t n, char *core, Py_ssize_t *ga, Py_ssize_t *gb) {
    Py_ssize_t digits = 0, seps = 0, plus = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        char f = fold_char(c, PyUnicode_READ(kind, data, rs + i));
        if (f == '+') {
            /* "+86" opening the core is the pattern's country-code prefix (its digits do not
             * count towards the seven); any other '+' is for the combined pattern. */
            if (i != 0 || n < 3 || fold_char(c, PyUnicode_READ(kind, data, rs + 1)) != '8'
                || fold_char(c, PyUnicode_READ(kind, data, rs + 2)) != '6')
                return ascii_region(c, out, kind, data, rs, n);
            core[0] = '+';
            core[1] = '8';
            core[2] = '6';
            plus = 1;
            i = 2;
            continue;
        }
        if (f == 0 || f == ',') return ascii_region(c, out, kind, data, rs, n);
        if (f == 'X' && i != n - 1) return ascii_region(c, out, kind, data, rs, n);
        if (f == ' ' || f == '-') {
            /* single separators between digits only; one closing the region is in no
             * candidate (the pattern's look-ahead allows it), so the core ends before it */
            if (i == 0 || core[i - 1] == ' ' || core[i - 1] == '-') return 0;
            if (i == n - 1) {
                n = i;
                break;
            }
            seps++;
        } else if (f != 'X') {
            digits++;
        }
        core[i] = f;
    }
    if (!plus && (core[0] < '0' || core[0] > '9')) return 0;
    if (plus && (n < 4 || core[n - 1] == '-' || core[n - 1] == ' ')) return 0;
    if (core[n - 1] == 'X' && (n < 2 || core[n - 2] < '0' || core[n - 2] > '9')) return 0;
    /* The combined pattern's candidate is the whole core when it has seven digits or more;
     * detect then ignores candidates shorter than ten characters. */
    if (digits < 7 || n < 10) return 1;
    if (seps == 0 && !plus) {
        if (n <= 19 && emit(c, out, core, (int)n, rs, rs + n) < 0) return -1;
        return 1;
    }
    /* Groups as detect._GROUPS tokenises them: "+86" or "0086" first, else a digit run with
     * an optional final X (separators between groups). */
    Py_ssize_t ng = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        if (core[i] == ' ' || core[i] == '-') { i++; continue; }
        Py_ssize_t a = i;
        if (core[i] == '+') {
            i += 3;
        } else if (n - i >= 4 && memcmp(core + i, "0086", 4) == 0) {
            i += 4;
        } else {
            while (i < n && core[i] >= '0' && core[i] <= '9') i++;
            if (i < n && core[i] == 'X') i++;
        }
        ga[ng] = a;
        gb[ng] = i;
        ng++;
    }
    /* The longest run of groups that validates wins, as in detect._grouped_spans: only runs
     * of at most MAX_JOINED compact characters are tried (a group's compact length is its
     * length: separators lie between groups), so each group starts a bounded number. */
    Py_ssize_t gi = 0, last = 0;
    while (gi < ng) {
        if (last < gi) last = gi;
        while (last < ng && gb[last] - ga[gi] - seps_between(core, ga[gi], gb[last]) <= MAX_JOINED)
            last++;
        Py_ssize_t found = 0;
        for (Py_ssize_t j = last; j > gi; j--) {
            char joined[MAX_JOINED];
            int m = 0;
            for (Py_ssize_t k = ga[gi]; k < gb[j - 1]; k++)
                if (core[k] != ' ' && core[k] != '-') joined[m++] = core[k];
            if (m < MIN_JOINED) break;
            c->windows++;
            int r = emit(c, out, joined, m, rs + ga[gi], rs + gb[j - 1]);
            if (r < 0) return -1;
            if (r == 1) {
                found = j;
                break;
            }
        }
        gi = found ? found : gi + 1;
    }
    return 1;
}

/* Card context (bank_card.cards_by_context) can add a span only where 13 digits stand in a
 * row (single spaces or dashes, ASCII or full-width, between them) at a start that no span
 * already found begins: there the Python check looks at the number, anywhere else it skips
 * the number (to the found span's end) or finds none. Every such run lies inside one piece
 * of a region (digits and those separators are region characters; commas are not), so a
 * piece-by-piece walk with the same skipping tells the caller whether the check can find
 * anything at all; most lines of dense text then skip it without a Python call. */
static inline int card_digit(Py_UCS4 ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 0xFF10 && ch <= 0xFF19);
}

static inline int card_sep(Py_UCS4 ch) { return ch == ' ' || ch == '-' || ch == 0xFF0D; }

/* The first start at or after pos, before end, of 13 digits in a row; -1 when there is none.
 * In a chain of digits joined by single separators, 13 in a row start at its first digit
 * when any do, so each chain is read once. */
static Py_ssize_t next_long(int kind, const void *data, Py_ssize_t pos, Py_ssize_t end) {
    Py_ssize_t a = pos;
    while (a + 13 <= end) {
        if (!card_digit(PyUnicode_READ(kind, data, a))) {
            a++;
            continue;
        }
        int digits = 1;
        Py_ssize_t i = a + 1;
        while (i < end) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (card_digit(ch)) {
                i++;
            } else if (card_sep(ch) && i + 1 < end
                       && card_digit(PyUnicode_READ(kind, data, i + 1))) {
                i += 2;
            } else {
                break;
            }
            if (++digits == 13) return a;
        }
        a = i;
    }
    return -1;
}

/* Whether the card-context check could look at a number in the piece [s, e): the spans found
 * in it are spans[first:] (start order), or first < 0 when Python decides the piece (then
 * any run of 13 digits counts). */
static int card_candidate(int kind, const void *data, Py_ssize_t s, Py_ssize_t e,
                          PyObject *spans, Py_ssize_t first) {
    if (e - s < 13) return 0;
    Py_ssize_t pos = s, k = first;
    Py_ssize_t n = PyList_GET_SIZE(spans);
    if (first >= 0 && n == first + 1 && card_digit(PyUnicode_READ(kind, data, s))) {
        /* The commonest piece of dense text: one identifier found whole (an ID, a card of
         * the table). Any run of 13 digits in it starts at its first digit, which is found. */
        PyObject *sp = PyList_GET_ITEM(spans, first);
        if (PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 0)) == s
            && PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 1)) == e)
            return 0;
    }
    while ((pos = next_long(kind, data, pos, e)) >= 0) {
        if (first < 0) return 1;
        /* a span found here starting at pos? (the Python check maps starts to ends) */
        Py_ssize_t end = -1;
        for (; k < n; k++) {
            PyObject *sp = PyList_GET_ITEM(spans, k);
            Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 0));
            if (a > pos) break;
            if (a == pos) end = PyLong_AsSsize_t(PyTuple_GET_ITEM(sp, 1));
        }
        if (end < 0) return 1;
        pos = end;
    }
    return 0;
}

/* Whether the comma at b may sit inside a GPS pair that starts at or after a: the pattern's
 * first coordinate ends in a dot, four or more digits and at most one space before it (full-
 * width forms fold to those). */
static int gps_comma(int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t j = b - 1;
    if (j >= a) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (ch == ' ' || ch == 0x3000) j--;
    }
    int digits = 0;
    while (j >= a) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (!((ch >= '0' && ch <= '9') || (ch >= 0xFF10 && ch <= 0xFF19))) break;
        digits++;
        j--;
    }
    if (digits < 4 || j < a) return 0;
    Py_UCS4 dot = PyUnicode_READ(kind, data, j);
    return dot == '.' || dot == 0xFF0E;
}

/* The configuration tuple: (version, classes, provinces, mobile next, mobile accept, fixed
 * next, fixed accept, fold, card lengths, type names), checked whole before any use. The
 * tables are bytes, viewed without the buffer protocol (immutable, and the caller holds the
 * tuple for the call: PyArg_ParseTuple's y* cost a third of a microsecond a call, once a
 * line); release_config stays for the day they are buffers again. */
typedef struct {
    Py_buffer classes, provinces, mob_next, mob_accept, fix_next, fix_accept, fold, cards;
    PyObject *types;
} Config;

static void release_config(Config *k) {
    PyBuffer_Release(&k->classes);
    PyBuffer_Release(&k->provinces);
    PyBuffer_Release(&k->mob_next);
    PyBuffer_Release(&k->mob_accept);
    PyBuffer_Release(&k->fix_next);
    PyBuffer_Release(&k->fix_accept);
    PyBuffer_Release(&k->fold);
    PyBuffer_Release(&k->cards);
}

static int read_config(PyObject *config, Config *k, Ctx *c) {
    long version;
    if (PyTuple_GET_SIZE(config) != CONFIG_ITEMS) {
        PyErr_Format(PyExc_ValueError, "configuration of %zd items, not %d",
                     PyTuple_GET_SIZE(config), CONFIG_ITEMS);
        return -1;
    }
    memset(k, 0, sizeof *k);
    Py_buffer *tables[] = {&k->classes, &k->provinces, &k->mob_next, &k->mob_accept,
                           &k->fix_next, &k->fix_accept, &k->fold, &k->cards};
    version = PyLong_AsLong(PyTuple_GET_ITEM(config, 0));
    if (version == -1 && PyErr_Occurred()) return -1;
    for (Py_ssize_t i = 0; i < (Py_ssize_t)(sizeof tables / sizeof tables[0]); i++) {
        PyObject *o = PyTuple_GET_ITEM(config, i + 1);
        if (!PyBytes_Check(o)) {
            PyErr_Format(PyExc_TypeError, "configuration item %zd: bytes expected", i + 1);
            return -1;
        }
        tables[i]->buf = PyBytes_AS_STRING(o);
        tables[i]->len = PyBytes_GET_SIZE(o);
    }
    k->types = PyTuple_GET_ITEM(config, CONFIG_ITEMS - 1);
    if (!PyTuple_Check(k->types)) {
        PyErr_Format(PyExc_TypeError, "configuration item %d: a tuple expected",
                     CONFIG_ITEMS - 1);
        return -1;
    }
    if (version != CONFIG_VERSION || k->classes.len != 65536 || k->provinces.len != 100
        || k->fold.len != 65536 || k->cards.len != 10000
        || PyTuple_GET_SIZE(k->types) != NTYPES
        || k->mob_next.len != k->mob_accept.len * 10 * (Py_ssize_t)sizeof(int32_t)
        || k->fix_next.len != k->fix_accept.len * 10 * (Py_ssize_t)sizeof(int32_t)
        || k->mob_accept.len == 0 || k->fix_accept.len == 0) {
        release_config(k);
        PyErr_SetString(PyExc_ValueError, "configuration: version 1; tables of 65536 and 100 "
                        "bytes, automata of 10 int32 per state, 65536 fold and 10000 card "
                        "bytes, ten type names");
        return -1;
    }
    Ctx init = {k->classes.buf, k->provinces.buf,
                {k->mob_next.buf, k->mob_accept.buf, k->mob_accept.len},
                {k->fix_next.buf, k->fix_accept.buf, k->fix_accept.len},
                k->fold.buf, k->cards.buf, 0, k->types, NULL, 1, 0};
    *c = init;
    return 0;
}

static PyObject *scan(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *config;
    long today;
    int decide;
    if (!PyArg_ParseTuple(args, "UO!lp", &text, &PyTuple_Type, &config, &today, &decide))
        return NULL;
    Config k;
    Ctx c;
    if (read_config(config, &k, &c) < 0) return NULL;
    c.today = today;
    c.decide = decide;
    PyObject *spans = PyList_New(0), *rest = PyList_New(0), *asked = PyList_New(0);
    PyObject *result = NULL;
    c.asked = asked;
    if (spans == NULL || rest == NULL || asked == NULL) goto done;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), i = 0;
    int card = 0;
    while ((i = class_walk(kind, data, i, len, c.classes, START, 1)) < len) {
        Py_ssize_t rs = i;
        i = class_walk(kind, data, i + 1, len, c.classes, CONT, 0);
        /* Commas end every candidate but a GPS pair's: a region of comma-separated values
         * (a CSV line read as text) is cut into pieces at each comma no GPS pair can span,
         * and the pieces are regions of their own (the look-behind and look-ahead see a
         * comma there, which they treat as the text's edge). */
        Py_ssize_t a = rs;
        while (a < i) {
            Py_ssize_t b = a;
            while ((b = class_walk(kind, data, b, i, c.classes, COMMA, 1)) < i
                   && gps_comma(kind, data, a, b))
                b++;
            Py_ssize_t s = a;
            while (s < b && (PyUnicode_READ(kind, data, s) == ' '
                             || PyUnicode_READ(kind, data, s) == 0x3000))
                s++;  /* no candidate starts with a space */
            if (b - s >= 3) {  /* no candidate is shorter than three characters */
                Py_ssize_t before = PyList_GET_SIZE(spans), asked_before = PyList_GET_SIZE(asked);
                int r = digit_region(&c, spans, kind, data, s, b);
                if (r < 0) goto done;
                if (r == 0) {
                    if (push_span(rest, s, b, NULL) < 0) goto done;
                }
                if (!card && card_candidate(kind, data, s, b, spans,
                                            r == 0 || PyList_GET_SIZE(asked) != asked_before
                                                ? -1 : before))
                    card = 1;
            }
            a = b + 1;
        }
    }
    result = Py_BuildValue("(OOOnO)", spans, rest, asked, c.windows, card ? Py_True : Py_False);
done:
    Py_XDECREF(spans);
    Py_XDECREF(rest);
    Py_XDECREF(asked);
    release_config(&k);
    return result;
}

/* Checks over the rows of a column, each row `width` bytes (Arrow values of one byte length,
 * back to back): kind 0 resident ID (mask and birth YYYYMMDD), 1 national mobile, 2 payment
 * card, 3 shaped like a resident ID whatever its check digit. The same checks as scan(). */
enum { ROWS_RID = 0, ROWS_MOBILE = 1, ROWS_CARD = 2, ROWS_ID_SHAPED = 3 };

static PyObject *check_rows(PyObject *self, PyObject *args) {
    (void)self;
    int kind, width;
    Py_buffer rows;
    PyObject *config;
    long today;
    if (!PyArg_ParseTuple(args, "iy*iO!l", &kind, &rows, &width, &PyTuple_Type, &config, &today))
        return NULL;
    Config k;
    Ctx c;
    if (read_config(config, &k, &c) < 0) {
        PyBuffer_Release(&rows);
        return NULL;
    }
    c.today = today;
    PyObject *mask = NULL, *birth = NULL, *result = NULL;
    if (width < 1 || width > MAXCORE || rows.len % width != 0 || kind < ROWS_RID
        || kind > ROWS_ID_SHAPED) {
        PyErr_SetString(PyExc_ValueError, "check_rows: kind 0-3, rows of width bytes");
        goto done;
    }
    Py_ssize_t n = rows.len / width;
    mask = PyBytes_FromStringAndSize(NULL, n);
    birth = PyBytes_FromStringAndSize(NULL, kind == ROWS_RID ? n * (Py_ssize_t)sizeof(int32_t) : 0);
    if (mask == NULL || birth == NULL) goto done;
    char *m = PyBytes_AS_STRING(mask);
    int32_t *b = (int32_t *)PyBytes_AS_STRING(birth);
    const char *v = rows.buf;
    for (Py_ssize_t i = 0; i < n; i++, v += width) {
        int ok;
        switch (kind) {
        case ROWS_RID:
            ok = is_rid(&c, v, width);
            b[i] = ok ? (int32_t)birth_ymd(v, width) : 0;
            break;
        case ROWS_MOBILE:
            ok = width == 11 && dfa_accepts(&c.mobile, v, 11);
            break;
        case ROWS_CARD:
            ok = is_card(&c, v, width);
            break;
        default:
            ok = id_shaped(&c, v, width);
        }
        m[i] = (char)ok;
    }
    result = PyTuple_Pack(2, mask, birth);
done:
    Py_XDECREF(mask);
    Py_XDECREF(birth);
    PyBuffer_Release(&rows);
    release_config(&k);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS,
     "scan(text, config, today, decide) -> (spans, other regions, (start, end, shape) left"
     " to Python, group windows tried, whether card context could add a card)"},
    {"check_rows", check_rows, METH_VARARGS,
     "check_rows(kind, rows, width, config, today) -> (mask, births)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_digitruns", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

/* TYPE_ORDER and RID_WEIGHTS let the Python side check, at import, that this build's enum and
 * weights are the ones its registry holds. */
PyMODINIT_FUNC PyInit__digitruns(void) {
    PyObject *m = module_with_interface(&module, 10);
    if (m == NULL) return NULL;
    PyObject *order = PyTuple_New(NTYPES), *weights = PyTuple_New(17);
    if (order == NULL || weights == NULL) goto fail;
    for (int i = 0; i < NTYPES; i++) {
        PyObject *name = PyUnicode_FromString(TYPE_NAMES[i]);
        if (name == NULL) goto fail;
        PyTuple_SET_ITEM(order, i, name);
    }
    for (int i = 0; i < 17; i++) {
        PyObject *w = PyLong_FromLong(RID_W[i]);
        if (w == NULL) goto fail;
        PyTuple_SET_ITEM(weights, i, w);
    }
    if (PyModule_AddObject(m, "TYPE_ORDER", order) < 0) goto fail;
    order = NULL;
    if (PyModule_AddObject(m, "RID_WEIGHTS", weights) < 0) goto fail;
    weights = NULL;
    PyObject *uscc_weights = PyTuple_New(17);
    if (uscc_weights == NULL) goto fail;
    for (int i = 0; i < 17; i++) {
        PyObject *w = PyLong_FromLong(USCC_W[i]);
        if (w == NULL) {
            Py_DECREF(uscc_weights);
            goto fail;
        }
        PyTuple_SET_ITEM(uscc_weights, i, w);
    }
    if (PyModule_AddObject(m, "USCC_WEIGHTS", uscc_weights) < 0) {
        Py_DECREF(uscc_weights);
        goto fail;
    }
    if (PyModule_AddStringConstant(m, "USCC_ALPHABET", USCC_ALPHABET) < 0) goto fail;
    if (PyModule_AddIntConstant(m, "CONFIG_VERSION", CONFIG_VERSION) < 0) goto fail;
    return m;
fail:
    Py_XDECREF(order);
    Py_XDECREF(weights);
    Py_DECREF(m);
    return NULL;
}
