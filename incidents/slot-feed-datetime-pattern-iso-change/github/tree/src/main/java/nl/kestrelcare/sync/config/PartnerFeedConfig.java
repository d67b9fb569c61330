package nl.kestrelcare.sync.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

@ConfigurationProperties("sync.partner-feed")
public class PartnerFeedConfig {

    private boolean enabled = true;
    private Duration interval = Duration.ofMinutes(2);
    @NotBlank
    private String slotDatetimePattern;
    @NotBlank
    private String zone;
    private int horizonDays = 14;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }
    public String getSlotDatetimePattern() { return slotDatetimePattern; }
    public void setSlotDatetimePattern(String slotDatetimePattern) { this.slotDatetimePattern = slotDatetimePattern; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public int getHorizonDays() { return horizonDays; }
    public void setHorizonDays(int horizonDays) { this.horizonDays = horizonDays; }
}
