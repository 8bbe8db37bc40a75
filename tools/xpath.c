/* virt-inspector --xpath: evaluate an XPath expression over the XML
 * read from stdin and print the result: each node of a node set
 * serialized and followed by a newline; strings (unless empty),
 * numbers and booleans as text.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>

#include "inspector.h"

static void __attribute__((noreturn))
fail (const char *msg)
{
  fprintf (stderr, "%s: %s\n", program_invocation_short_name, msg);
  exit (EXIT_FAILURE);
}

static void
print_nodes (xmlNodeSetPtr nodes)
{
  xmlSaveCtxtPtr save;
  int i;

  if (nodes == NULL)
    return;
  for (i = 0; i < nodes->nodeNr; i++) {
    fflush (stdout);
    /* No encoding: characters outside ASCII come out as references. */
    save = xmlSaveToFd (STDOUT_FILENO, NULL,
                        XML_SAVE_NO_DECL | XML_SAVE_FORMAT);
    if (save == NULL)
      fail ("xmlSaveToFd failed");
    if (xmlSaveTree (save, nodes->nodeTab[i]) == -1)
      fail ("xmlSaveTree failed");
    if (xmlSaveClose (save) == -1)
      fail ("xmlSaveClose failed");
    printf ("\n");
  }
}

static void
print_result (xmlXPathObjectPtr result)
{
  xmlChar *str;

  switch (result->type) {
  case XPATH_NODESET:
    print_nodes (result->nodesetval);
    break;
  case XPATH_STRING:
    if (result->stringval && result->stringval[0])
      printf ("%s\n", (const char *) result->stringval);
    break;
  default:
    str = xmlXPathCastToString (result);
    if (str == NULL)
      fail ("unable to convert the XPath result to a string");
    printf ("%s\n", (const char *) str);
    xmlFree (str);
    break;
  }
}

void
do_xpath (const char *query)
{
  xmlDocPtr doc;
  xmlXPathContextPtr ctx;
  xmlXPathObjectPtr result;

  doc = xmlReadFd (STDIN_FILENO, NULL, "utf8", XML_PARSE_NOBLANKS);
  if (doc == NULL)
    fail ("unable to parse XML from stdin");
  ctx = xmlXPathNewContext (doc);
  if (ctx == NULL)
    fail ("unable to create new XPath context");
  result = xmlXPathEvalExpression (BAD_CAST query, ctx);
  if (result == NULL)
    fail ("unable to evaluate XPath expression");
  print_result (result);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  if (fflush (stdout) == EOF) {
    perror ("stdout");
    exit (EXIT_FAILURE);
  }
  exit (EXIT_SUCCESS);
}
