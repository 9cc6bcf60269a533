/*
 * scope.h - the row-level policies of a shared store (scope.c), for the
 * migration that makes them. Not part of the public interface.
 */
#ifndef WF_SCOPE_H
#define WF_SCOPE_H

#include "store.h"

/* Where the engine has roles, the policies that let each role see and
 * change only the cases its organisations hold; elsewhere nothing. */
int wf_scope_install(struct wf_store *st, struct wf_err *e);

#endif
