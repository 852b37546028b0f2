// Slack's external file upload flow: ask for an upload URL, POST the bytes there, then
// complete the upload and share it into a channel (optionally a thread).
import type { WebClient } from '@slack/web-api';

export interface UploadFile {
  filename: string;
  title: string;
  /** Posted with the file as its message. */
  comment: string;
}

export async function uploadToChannel(client: WebClient, channelId: string, bytes: Buffer, file: UploadFile, threadTs?: string): Promise<string> {
  const target = await client.files.getUploadURLExternal({ filename: file.filename, length: bytes.length });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const posted = await fetch(target.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    signal: AbortSignal.timeout(30_000),
  });
  if (!posted.ok) throw new Error(`upload URL answered ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: channelId,
    initial_comment: file.comment,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return target.file_id;
}

/** Upload into the person's DM with the app. Returns the file id. */
export async function uploadToDm(client: WebClient, userId: string, bytes: Buffer, file: UploadFile): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  return uploadToChannel(client, channelId, bytes, file);
}
