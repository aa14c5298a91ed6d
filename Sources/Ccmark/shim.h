// Debian's libcmark-dev (cmark 0.30). <stdlib.h> makes `free` visible for render buffers.
#include <cmark.h>
#include <stdlib.h>
