/**
 * Alert rules with state: each rule is evaluated on a schedule against a snapshot of the system
 * ({@link org.rpa.core.alert.AlertInputs}), is {@code FIRING} or {@code RESOLVED} since a given
 * instant, and publishes an {@link org.rpa.core.event.AlertStateChanged} on every change. Start at
 * {@link org.rpa.core.alert.Alerts}.
 */
package org.rpa.core.alert;
