import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SlackNotifier } from '../ops/slack.notifier';

interface StatuspageSummary {
  status: { indicator: 'none' | 'minor' | 'major' | 'critical'; description: string };
  incidents: Array<{ name: string; status: string; shortlink: string; started_at: string; incident_updates: Array<{ body: string }> }>;
}

/** Polls the provider's public Statuspage so on-call sees provider incidents next to our errors. */
@Injectable()
export class ProviderStatusPoller {
  private readonly logger = new Logger(ProviderStatusPoller.name);
  private last = 'none';

  constructor(private readonly slack: SlackNotifier) {}

  @Cron('*/60 * * * * *')
  async poll(): Promise<void> {
    const res = await fetch('https://status.corvapay.com/api/v2/summary.json', { signal: AbortSignal.timeout(5000) });
    const summary = (await res.json()) as StatuspageSummary;
    const indicator = summary.status.indicator;
    if (indicator !== this.last) {
      const incident = summary.incidents[0];
      this.logger.log(
        {
          provider: 'corvapay',
          from: this.last,
          to: indicator,
          description: summary.status.description,
          incident: incident && { name: incident.name, status: incident.status, shortlink: incident.shortlink, started_at: incident.started_at, update: incident.incident_updates[0]?.body },
        },
        'payment provider status changed',
      );
      await this.slack.post('#checkout-alerts', `Corvapay status: ${this.last} -> ${indicator}${incident ? ` - ${incident.name} ${incident.shortlink}` : ''}`);
      this.last = indicator;
    }
  }
}
