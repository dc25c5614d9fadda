#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

struct GifFileType;

namespace botwright::imaging {

// Writes a GIF with giflib (Qt has no GIF writer): frames of one size, each with its own palette.
// Colours: an image with at most 256 distinct colours (255 with transparency) keeps them exactly;
// others go through giflib's median-cut quantizer (GifQuantizeBuffer, 5 bits per channel). Pixels
// with alpha below 128 become the palette's transparent entry; everything else is opaque. An
// animation loops forever (NETSCAPE2.0) and has each frame's delay in centiseconds.
class GifWriter final {
public:
    GifWriter(QSize size, bool animated);
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    // `frame` must have the writer's size. False (see error()) when giflib fails.
    bool addFrame(const QImage& frame, int delayMs = 0);
    // Ends the file; the bytes are in data() afterwards.
    bool finish();
    const QByteArray& data() const { return m_out; }
    QString error() const { return m_error; }

private:
    bool open();
    bool fail(const QString& what, int code);
    static int write(GifFileType* gif, const unsigned char* bytes, int length);

    QSize m_size;
    bool m_animated;
    GifFileType* m_gif = nullptr;
    QByteArray m_out;
    QString m_error;
};

} // namespace botwright::imaging
