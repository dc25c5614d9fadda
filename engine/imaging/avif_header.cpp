#include "engine/imaging/avif_header.h"

#include "engine/imaging/byte_reader.h"

#include <vector>

namespace botwright::imaging {

namespace {

std::optional<ImageDimensions> fail(QString* error, const QString& message) {
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<AvifHeader::Box> AvifHeader::box(QByteArrayView data, qsizetype at, qsizetype end) {
    const ByteReader r(data);
    if (at < 0 || end > data.size() || at + 8 > end)
        return std::nullopt;
    qint64 size = *r.be32(at);
    qsizetype header = 8;
    if (size == 1) { // a 64-bit size follows the type
        const std::optional<quint64> large = r.be64(at + 8);
        if (!large || *large > static_cast<quint64>(end - at))
            return std::nullopt;
        size = static_cast<qint64>(*large);
        header = 16;
    } else if (size == 0) { // to the end of the enclosing box
        size = end - at;
    }
    if (size < header || size > end - at)
        return std::nullopt;
    return Box{data.sliced(at + 4, 4), at + header, at + size};
}

bool AvifHeader::isAvif(QByteArrayView data) {
    const std::optional<Box> ftyp = box(data, 0, data.size());
    if (!ftyp || ftyp->type != "ftyp" || ftyp->end - ftyp->payload < 8)
        return false;
    const auto isAvifBrand = [&](qsizetype at) {
        const QByteArrayView brand = data.sliced(at, 4);
        return brand == "avif" || brand == "avis";
    };
    if (isAvifBrand(ftyp->payload)) // the major brand; then the minor version, then compatible brands
        return true;
    for (qsizetype at = ftyp->payload + 8; at + 4 <= ftyp->end; at += 4)
        if (isAvifBrand(at))
            return true;
    return false;
}

std::optional<ImageDimensions> AvifHeader::ispe(QByteArrayView data, const Box& property) {
    // A full box: version and flags, then width and height (big-endian u32).
    const ByteReader r(QByteArrayView(data).first(property.end));
    const std::optional<quint32> width = r.be32(property.payload + 4);
    const std::optional<quint32> height = r.be32(property.payload + 8);
    if (!width || !height || *width == 0 || *height == 0)
        return std::nullopt;
    return ImageDimensions{*width, *height};
}

std::optional<ImageDimensions> AvifHeader::dimensions(QByteArrayView data, QString* error) {
    std::optional<Box> meta;
    for (std::optional<Box> b = box(data, 0, data.size()); b; b = box(data, b->end, data.size())) {
        if (b->type == "meta") {
            meta = b;
            break;
        }
    }
    if (!meta)
        return fail(error, QStringLiteral("the AVIF file has no meta box (truncated or malformed)"));

    const ByteReader r(data);
    std::optional<quint32> primary;
    std::vector<Box> properties; // ipco's children; ipma refers to them 1-based
    std::vector<quint32> primaryProperties;
    std::optional<Box> ipma;
    // meta is a full box: its children follow the version and flags.
    for (std::optional<Box> b = box(data, meta->payload + 4, meta->end); b;
         b = box(data, b->end, meta->end)) {
        if (b->type == "pitm") {
            const std::optional<quint8> version = r.u8(b->payload);
            primary = version == 0 ? std::optional<quint32>(r.be16(b->payload + 4)) : r.be32(b->payload + 4);
        } else if (b->type == "iprp") {
            for (std::optional<Box> c = box(data, b->payload, b->end); c; c = box(data, c->end, b->end)) {
                if (c->type == "ipco") {
                    for (std::optional<Box> p = box(data, c->payload, c->end); p;
                         p = box(data, p->end, c->end))
                        properties.push_back(*p);
                } else if (c->type == "ipma") {
                    ipma = c;
                }
            }
        }
    }
    if (ipma && primary) {
        // version/flags, entry count; per entry the item id (16 or 32 bits), an association count,
        // and per association a property index (7 or 15 bits, after an "essential" bit).
        const ByteReader m(QByteArrayView(data).first(ipma->end));
        const quint8 version = m.u8(ipma->payload).value_or(0);
        const bool wideIndex = (m.u8(ipma->payload + 3).value_or(0) & 1) != 0;
        const quint32 entries = m.be32(ipma->payload + 4).value_or(0);
        qsizetype at = ipma->payload + 8;
        for (quint32 e = 0; e < entries; ++e) {
            const std::optional<quint32> item = version < 1 ? std::optional<quint32>(m.be16(at)) : m.be32(at);
            at += version < 1 ? 2 : 4;
            const std::optional<quint8> count = m.u8(at);
            at += 1;
            if (!item || !count)
                break;
            for (int i = 0; i < *count; ++i) {
                const quint32 index =
                    wideIndex ? (m.be16(at).value_or(0) & 0x7fff) : (m.u8(at).value_or(0) & 0x7f);
                at += wideIndex ? 2 : 1;
                if (*item == *primary)
                    primaryProperties.push_back(index);
            }
            if (at > ipma->end)
                break;
        }
    }
    for (const quint32 index : primaryProperties)
        if (index >= 1 && index <= properties.size() && properties[index - 1].type == "ispe")
            if (const std::optional<ImageDimensions> size = ispe(data, properties[index - 1]))
                return size;
    for (const Box& p : properties) // no association for the primary item: the first size there is
        if (p.type == "ispe")
            if (const std::optional<ImageDimensions> size = ispe(data, p))
                return size;
    return fail(error, QStringLiteral("the AVIF header has no image size (ispe)"));
}

} // namespace botwright::imaging
