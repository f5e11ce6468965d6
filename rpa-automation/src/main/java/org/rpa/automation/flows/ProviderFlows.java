package org.rpa.automation.flows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.automation.Flow;

/** The eight built-in flows: four providers × validation and cancellation. */
public final class ProviderFlows {
  private ProviderFlows() {}

  /**
   * {@code provider.action} → flow, for {@code mfn}, {@code osn}, {@code octotel}, {@code evotel}.
   */
  public static Map<String, Flow> all() {
    Map<String, Flow> flows = new LinkedHashMap<>();
    put(flows, "mfn", new MetroFibre());
    put(flows, "osn", new Openserve());
    put(flows, "octotel", new Octotel());
    put(flows, "evotel", new Evotel());
    return flows;
  }

  /** The portal account variable of each provider: jobs of one account run one at a time. */
  public static String accountVariable(String provider) {
    return switch (provider) {
      case "mfn" -> "METROFIBER_EMAIL";
      case "osn" -> "OPENSERVE_EMAIL";
      case "octotel" -> "OCTOTEL_USERNAME";
      case "evotel" -> "EVOTEL_EMAIL";
      default -> provider.toUpperCase(java.util.Locale.ROOT) + "_USERNAME";
    };
  }

  /** The portal URL variable of each provider. */
  public static String urlVariable(String provider) {
    return switch (provider) {
      case "mfn" -> "METROFIBER_URL";
      case "osn" -> "OPENSERVE_URL";
      case "octotel" -> "OCTOTEL_URL";
      case "evotel" -> "EVOTEL_URL";
      default -> provider.toUpperCase(java.util.Locale.ROOT) + "_URL";
    };
  }

  private static void put(Map<String, Flow> flows, String provider, PortalFlow portal) {
    flows.put(provider + ".validation", portal.validation());
    flows.put(provider + ".cancellation", portal.cancellation());
  }
}
