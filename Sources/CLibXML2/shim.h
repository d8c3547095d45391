#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Ubuntu's libxml2 is built with ICU, and <libxml/encoding.h> then includes <unicode/ucnv.h>, whose
   types clash with Foundation's _FoundationICU module ("'UErrorCode' has different definitions").
   Hiding the ICU part only drops two pointer fields at the end of xmlCharEncodingHandler, a struct
   Swift code here never allocates or reads. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/HTMLparser.h>

/* `xmlFree` is a macro when LIBXML_THREAD_ALLOC_ENABLED is set, which Swift cannot call. */
static inline void clibxml2_free(void *pointer) {
    xmlFree(pointer);
}

/* libxml2 2.12 made the structured error callback take `const xmlError *`; the route below gives
   Swift one stable callback type on every version. */
#if LIBXML_VERSION >= 21200
#define CLIBXML2_ERROR_CONST const
#else
#define CLIBXML2_ERROR_CONST
#endif

typedef void (*clibxml2_error_callback)(void *context, const xmlError *error);

/* A callback plus the Swift context it is called with; passed to libxml2 as the `void *` userdata. */
typedef struct clibxml2_error_route {
    clibxml2_error_callback callback;
    void *context;
} clibxml2_error_route;

static inline void clibxml2_route_error(void *route, CLIBXML2_ERROR_CONST xmlError *error) {
    clibxml2_error_route *target = (clibxml2_error_route *)route;
    if (target != NULL && target->callback != NULL && error != NULL) {
        target->callback(target->context, error);
    }
}

/* Process-wide (thread-local when libxml2 has threads) handler; callers serialise with a lock. */
static inline void clibxml2_set_global_errors(clibxml2_error_route *route) {
    xmlSetStructuredErrorFunc(route, route == NULL ? NULL : clibxml2_route_error);
}

static inline void clibxml2_set_reader_errors(xmlTextReaderPtr reader, clibxml2_error_route *route) {
    xmlTextReaderSetStructuredErrorHandler(reader, clibxml2_route_error, route);
}

static inline void clibxml2_set_schema_parser_errors(xmlSchemaParserCtxtPtr context, clibxml2_error_route *route) {
    xmlSchemaSetParserStructuredErrors(context, clibxml2_route_error, route);
}

static inline void clibxml2_set_schema_valid_errors(xmlSchemaValidCtxtPtr context, clibxml2_error_route *route) {
    xmlSchemaSetValidStructuredErrors(context, clibxml2_route_error, route);
}
#endif
