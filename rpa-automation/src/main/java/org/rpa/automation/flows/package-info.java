/** The built-in provider flows. Everything is non-null unless documented otherwise. */
package org.rpa.automation.flows;
