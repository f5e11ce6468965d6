package org.rpa.automation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.rpa.sandbox.SandboxPortals;

/**
 * The sandbox portals on one clock, their variables in a secrets directory, and an H2 database for
 * the orchestrator and the TOTP ledger: what the browser tests share.
 */
final class SandboxFixture implements AutoCloseable {
  final SandboxPortals portals;
  final Path secrets;
  final Path evidence;
  final JdbcDataSource dataSource;

  SandboxFixture(Path temp, Clock clock) {
    this.portals = SandboxPortals.start(clock);
    try {
      this.secrets = Files.createDirectories(temp.resolve("secrets"));
      this.evidence = temp.resolve("evidence");
      for (var variable : portals.variables().entrySet()) {
        Files.writeString(secrets.resolve(variable.getKey()), variable.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** An automation on these portals: at most two sessions, as the browser tests allow. */
  BrowserAutomationBuilder automation(Clock clock) {
    return BrowserAutomation.builder()
        .clock(clock)
        .secrets(Secrets.fromDirectory(secrets))
        .evidenceDirectory(evidence)
        .maxSessions(2)
        .idleTimeout(Duration.ofMinutes(10));
  }

  void setVariable(String name, String value) {
    try {
      Files.writeString(secrets.resolve(name), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String variable(String name) {
    try {
      return Files.readString(secrets.resolve(name)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The live processes (chromium and its helpers) started with this profile directory. */
  static List<ProcessHandle> browserProcesses(Path profile) {
    String flag = "--user-data-dir=" + profile;
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(flag)).orElse(false))
        .toList();
  }

  @Override
  public void close() {
    portals.close();
  }
}
