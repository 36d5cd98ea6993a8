import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { SqlDatabase } from './sql-client';

const keyOf = (enterpriseId: string | undefined, teamId: string | undefined, isEnterpriseInstall: boolean) =>
  isEnterpriseInstall && enterpriseId ? `E:${enterpriseId}` : `T:${teamId ?? ''}`;

/** Bolt's installation store on our Postgres (server or PGlite), so every process sees every workspace. */
export function slackInstallationStore(db: SqlDatabase): InstallationStore {
  return {
    async storeInstallation(installation) {
      const key = keyOf(installation.enterprise?.id, installation.team?.id, !!installation.isEnterpriseInstall);
      await db.query(
        `INSERT INTO slack_installations (install_key, installation) VALUES ($1, $2)
         ON CONFLICT (install_key) DO UPDATE SET installation = EXCLUDED.installation, installed_at = now()`,
        [key, JSON.stringify(installation)],
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query.enterpriseId, query.teamId, query.isEnterpriseInstall);
      const { rows } = await db.query<{ installation: Installation }>(
        'SELECT installation FROM slack_installations WHERE install_key = $1',
        [key],
      );
      if (!rows[0]) throw new Error(`mentor-bot is not installed in ${key}`);
      return rows[0].installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await db.query('DELETE FROM slack_installations WHERE install_key = $1', [
        keyOf(query.enterpriseId, query.teamId, query.isEnterpriseInstall),
      ]);
    },
  };
}
