/**
 * Privacy requests on the store: finding the jobs about one data subject and erasing the subject
 * from them ({@link org.rpa.core.privacy.Privacy}), by a rule of the caller's that says what names
 * the subject ({@link org.rpa.core.privacy.SubjectRule}).
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.privacy;
