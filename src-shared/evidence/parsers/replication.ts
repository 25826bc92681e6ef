/** replication.json: Get-CsManagementStoreReplicationStatus (DOMAIN-FACTS §2, OPD RDCheckCMSReplicationStatus). */
import type { ReplicationStatus } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { parsePsJson, readPsBoolean, readPsDate, readPsRecords, readPsText } from '../ps-json'

/** Parses replication.json. */
export function parseReplication(source: string, notes?: ParseNotes): readonly ReplicationStatus[] {
  const statuses: ReplicationStatus[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const replicaFqdn = readPsText(record, 'ReplicaFqdn')
    if (replicaFqdn === null) {
      addWarning(notes, 'skipped a replica without a ReplicaFqdn')
      continue
    }
    statuses.push({
      replicaFqdn: replicaFqdn.toLowerCase(),
      upToDate: readPsBoolean(record, 'UpToDate'),
      lastStatusReport: readPsDate(record, 'LastStatusReport'),
      lastUpdateCreation: readPsDate(record, 'LastUpdateCreation'),
      productVersion: readPsText(record, 'ProductVersion'),
    })
  }
  return statuses
}
