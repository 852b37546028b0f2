// Delivers a private message to one person: through a response_url when there is one (it works
// in DMs and private channels the bot is not in), otherwise as a DM from the bot.
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

export interface PrivateMessage {
  text: string;
  blocks?: KnownBlock[];
}

export interface ReplyTarget {
  userId: string;
  responseUrl?: string | undefined;
  /** Replace the message the response_url belongs to (a card refreshed in place). */
  replaceOriginal?: boolean;
}

async function postToResponseUrl(url: string, message: PrivateMessage, replaceOriginal: boolean): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message }),
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function sendDirectMessage(client: WebClient, userId: string, message: PrivateMessage): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
}

export async function replyPrivately(client: WebClient, target: ReplyTarget, message: PrivateMessage): Promise<void> {
  if (target.responseUrl && (await postToResponseUrl(target.responseUrl, message, target.replaceOriginal ?? false))) return;
  await sendDirectMessage(client, target.userId, message);
}
