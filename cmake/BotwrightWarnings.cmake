# Warnings are errors in project code. Third-party headers come in as SYSTEM includes.
function(botwright_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Werror
    # Designated initializers deliberately leave members at their defaults.
    -Wno-missing-field-initializers)
endfunction()
