# Finds QScintilla built for Qt 6 (Debian: libqscintilla2-qt6-dev). Defines QScintilla::QScintilla.
find_path(QScintillaQt6_INCLUDE_DIR NAMES Qsci/qsciscintilla.h
  HINTS ${Qt6Core_INCLUDE_DIRS} PATH_SUFFIXES qt6 NO_CACHE)
find_library(QScintillaQt6_LIBRARY NAMES qscintilla2_qt6 NO_CACHE)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(QScintillaQt6 REQUIRED_VARS QScintillaQt6_LIBRARY QScintillaQt6_INCLUDE_DIR)
if(QScintillaQt6_FOUND AND NOT TARGET QScintilla::QScintilla)
  find_package(Qt6 REQUIRED COMPONENTS PrintSupport)
  add_library(QScintilla::QScintilla SHARED IMPORTED)
  set_target_properties(QScintilla::QScintilla PROPERTIES
    IMPORTED_LOCATION "${QScintillaQt6_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${QScintillaQt6_INCLUDE_DIR}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${QScintillaQt6_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "Qt6::Widgets;Qt6::PrintSupport")
endif()
