#pragma once
// Catch2 with readable Qt values in failure messages. Tests include this instead of catch.hpp.

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>
#include <catch2/catch.hpp>

#if __has_include(<QColor>) // GUI tests only
#include <QColor>
#define BOTWRIGHT_TEST_HAS_QTGUI 1
#endif

namespace Catch {

template <>
struct StringMaker<QString> {
    static std::string convert(const QString& value) { return '"' + value.toStdString() + '"'; }
};

template <>
struct StringMaker<QByteArray> {
    static std::string convert(const QByteArray& value) { return '"' + value.toStdString() + '"'; }
};

template <>
struct StringMaker<QStringList> {
    static std::string convert(const QStringList& value) {
        return "[" + value.join(QStringLiteral(", ")).toStdString() + "]";
    }
};

#ifdef BOTWRIGHT_TEST_HAS_QTGUI
template <>
struct StringMaker<QColor> {
    static std::string convert(const QColor& value) { return value.name(QColor::HexArgb).toStdString(); }
};

#endif

template <>
struct StringMaker<QSize> {
    static std::string convert(const QSize& value) {
        return std::to_string(value.width()) + "x" + std::to_string(value.height());
    }
};

} // namespace Catch
