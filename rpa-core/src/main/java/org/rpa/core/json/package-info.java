/**
 * JSON for job parameters, results and details, shared by the core's packages. Not API: anything
 * here may change without notice.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.json;
