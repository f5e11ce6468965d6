package org.rpa.automation.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.job.JobId;
import org.rpa.core.testing.MutableClock;
import org.rpa.core.testing.disk.SmallDisk;

/**
 * Screenshots on a full disk, a 4 MB tmpfs of its own ({@link SmallDisk}) with 16 KB left: a PNG
 * larger than that fails half way. The error names the disk's reason, and nothing of the half
 * written file is listed as evidence or left in the job's folder; once space returns the next
 * screenshot is a whole PNG.
 */
class EvidenceDiskFullIT {
  @TempDir Path temp;

  @Test
  void a_screenshot_that_does_not_fit_fails_with_the_reason_and_leaves_no_partial_png()
      throws Exception {
    try (SmallDisk disk = SmallDisk.open(temp.resolve("disk"), 4)) {
      var evidence =
          new Evidence(
              disk.path().resolve("evidence"),
              MutableClock.at("2026-01-01T00:00:00Z"),
              Duration.ofDays(30));
      JobId job = JobId.of(7);
      byte[] png = noise(200, 200);
      assertThat(png.length).isGreaterThan(64 * 1024);
      evidence.save(job, "before", png);

      disk.fillLeaving(16 * 1024);
      assertThatThrownBy(() -> evidence.save(job, "login page", png))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("0002-login-page.png")
          .hasMessageContaining("of job 7")
          .hasMessageContaining("No space left on device");
      assertThat(evidence.list(job))
          .extracting(Screenshot::name)
          .containsExactly("0001-before.png");
      try (Stream<Path> files = Files.list(disk.path().resolve("evidence").resolve("7"))) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .containsExactly("0001-before.png");
      }

      disk.free();
      Screenshot after = evidence.save(job, "login page", png);
      assertThat(after.name()).isEqualTo("0002-login-page.png");
      for (Screenshot shot : evidence.list(job)) {
        try (InputStream in = evidence.open(job, shot.name()).orElseThrow()) {
          byte[] stored = in.readAllBytes();
          assertThat(stored).isEqualTo(png);
          assertThat(ImageIO.read(new ByteArrayInputStream(stored))).isNotNull();
        }
      }
    }
  }

  /** A PNG of random pixels: it does not compress, so it is about 3 bytes a pixel. */
  private static byte[] noise(int width, int height) throws Exception {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
