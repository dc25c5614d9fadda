#pragma once

#include "engine/imaging/image_header.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace botwright::imaging {

// AVIF is an ISO base media file (boxes: 32-bit size, 4-character type, payload). It is recognised
// by its `ftyp` brands (avif, avis) and its size is the `ispe` property of the primary item
// (meta → pitm names the item, meta → iprp → ipma maps it to its properties in ipco).
class AvifHeader final {
public:
    static bool isAvif(QByteArrayView data);
    static std::optional<ImageDimensions> dimensions(QByteArrayView data, QString* error);

private:
    struct Box {
        QByteArrayView type;
        qsizetype payload = 0; // where the payload starts
        qsizetype end = 0;     // one past the box
    };
    // The box starting at `at`, which must end by `end`.
    static std::optional<Box> box(QByteArrayView data, qsizetype at, qsizetype end);
    static std::optional<ImageDimensions> ispe(QByteArrayView data, const Box& property);
};

} // namespace botwright::imaging
