package org.rpa.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.boot.SpringApplication;

/**
 * The starter's tests run on the libraries an application gets from Spring Boot's BOM, not on the
 * newer ones the rest of the project builds with: each jar on the class path has the version that
 * {@code spring-boot-dependencies} names.
 */
class BootManagedVersionsTest {

  @Test
  void the_class_path_has_the_versions_that_spring_boots_bom_manages() throws Exception {
    String bom = Files.readString(Path.of(System.getProperty("spring-boot.bom")));

    assertThat(jarVersion(SpringApplication.class)).isEqualTo(bomVersion(bom, "project"));
    assertThat(jarVersion(Flyway.class)).isEqualTo(bomVersion(bom, "flyway.version"));
    assertThat(jarVersion(org.h2.Driver.class)).isEqualTo(bomVersion(bom, "h2.version"));
    assertThat(jarVersion(HikariDataSource.class)).isEqualTo(bomVersion(bom, "hikaricp.version"));
    assertThat(jarVersion(ObjectMapper.class)).isEqualTo(bomVersion(bom, "jackson-bom.version"));
    assertThat(jarVersion(MeterRegistry.class)).isEqualTo(bomVersion(bom, "micrometer.version"));
    assertThat(jarVersion(Driver.class)).isEqualTo(bomVersion(bom, "postgresql.version"));
    assertThat(jarVersion(org.slf4j.Logger.class)).isEqualTo(bomVersion(bom, "slf4j.version"));
  }

  /** The version in the file name of the jar that holds {@code type}: {@code name-1.2.3.jar}. */
  private static String jarVersion(Class<?> type) {
    String jar =
        Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath())
            .getFileName()
            .toString();
    Matcher version = Pattern.compile("-(\\d[^-]*(?:-[A-Za-z0-9.]+)?)\\.jar$").matcher(jar);
    assertThat(version.find()).as(jar).isTrue();
    return version.group(1);
  }

  private static String bomVersion(String bom, String property) {
    Pattern pattern =
        property.equals("project")
            ? Pattern.compile(
                "<artifactId>spring-boot-dependencies</artifactId>\\s*<version>([^<]+)")
            : Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</");
    Matcher matcher = pattern.matcher(bom);
    assertThat(matcher.find()).as(property).isTrue();
    return matcher.group(1);
  }
}
