#pragma once
// Erlang External Term Format (discord-protocol.md 1.9) for gateway frames with `encoding=etf`:
// a version byte 131 followed by one term.
//
// Encoding (the sandbox server side) maps JSON onto the terms Discord sends:
//   object            -> MAP_EXT (116) with BINARY_EXT keys
//   string            -> BINARY_EXT (109), UTF-8
//   array             -> LIST_EXT (108) with a NIL_EXT tail; empty array -> NIL_EXT (106)
//   integral number   -> SMALL_INTEGER_EXT (97) for 0..255, INTEGER_EXT (98) for 32-bit values,
//                        SMALL_BIG_EXT (110) for the rest of the 64-bit range
//   other number      -> NEW_FLOAT_EXT (70)
//   true/false/null   -> SMALL_ATOM_UTF8_EXT (119) atoms `true`, `false`, `nil`
//
// Decoding (the client side, and the server reading client frames) accepts:
//   97, 98 integers; 70 floats and 99 legacy FLOAT_EXT strings;
//   100/115/118/119 atoms: `true`/`false` -> bool, `nil`/`null` -> null, others -> their name;
//   104/105 tuples -> arrays; 106 -> []; 108 proper lists -> arrays (the tail must be NIL_EXT);
//   107 STRING_EXT -> an array of numbers 0..255 (it is an Erlang list of bytes: term_to_binary
//       writes [1, 2, 3] that way), except as a map key, where its bytes are the key (Latin-1);
//   109 binaries -> strings (UTF-8);
//   110/111 big integers -> numbers while |value| <= 2^53 - 1, otherwise decimal strings so that
//       snowflakes survive (magnitudes up to 128 bytes);
//   116 maps -> objects; keys may be binaries, atoms (reported, see hasAtomKeys), STRING_EXT or
//       integers (as decimal text). A repeated key keeps its last value.
// Anything else (pids, references, funs, bit binaries, compressed terms, ...) is an error, as are
// truncated input, lengths longer than the remaining input, trailing bytes after the term,
// non-finite floats and nesting deeper than kEtfMaxDepth containers.

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

namespace botwright::protocol {

inline constexpr quint8 kEtfVersion = 131;
// Deepest accepted nesting of lists, tuples and maps.
inline constexpr int kEtfMaxDepth = 512;

struct EtfDecodeResult {
    bool ok = false;
    QJsonValue value;
    QString error; // set when !ok, with the byte offset of the problem
    // True when any map key, at any depth, was an atom. Clients must use binary keys: a gateway
    // server closes with 4002 (decode error) when this is set on a client frame.
    bool hasAtomKeys = false;
};

// Encodes `value` as a complete ETF term, including the version byte.
QByteArray etfEncode(const QJsonValue& value);

// Decodes one complete ETF term (version byte first). Never reads past `data`; fails cleanly on
// malformed input.
EtfDecodeResult etfDecode(QByteArrayView data);

} // namespace botwright::protocol
