export function ConversationView({ conversationId }: { conversationId: string; onClose?: () => void }) {
  return <section aria-label="conversation">{conversationId}</section>;
}
