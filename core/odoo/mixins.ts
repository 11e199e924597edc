/**
 * Mixins a spec may name, the module each comes from, and the fields (name → label) each adds
 * (read from Odoo 18's sources; used to refuse clashing names and labels).
 */
export interface MixinInfo {
  module: string;
  fields: Readonly<Record<string, string>>;
  /** Gives the model a chatter (messages, followers, activities) in its form. */
  chatter: boolean;
}

export const KNOWN_MIXINS: Readonly<Record<string, MixinInfo>> = {
  'mail.thread': {
    module: 'mail',
    chatter: true,
    fields: {
      message_is_follower: 'Is Follower',
      message_follower_ids: 'Followers',
      message_partner_ids: 'Followers (Partners)',
      message_ids: 'Messages',
      has_message: 'Has Message',
      message_needaction: 'Action Needed',
      message_needaction_counter: 'Number of Actions',
      message_has_error: 'Message Delivery error',
      message_has_error_counter: 'Number of errors',
      message_attachment_count: 'Attachment Count',
      message_main_attachment_id: 'Main Attachment',
      website_message_ids: 'Website Messages',
      message_has_sms_error: 'SMS Delivery error',
      rating_ids: 'Ratings',
    },
  },
  'mail.activity.mixin': {
    module: 'mail',
    chatter: false,
    fields: {
      activity_ids: 'Activities',
      activity_state: 'Activity State',
      activity_user_id: 'Responsible User',
      activity_type_id: 'Next Activity Type',
      activity_type_icon: 'Activity Type Icon',
      activity_date_deadline: 'Next Activity Deadline',
      my_activity_date_deadline: 'My Activity Deadline',
      activity_summary: 'Next Activity Summary',
      activity_exception_decoration: 'Activity Exception Decoration',
      activity_exception_icon: 'Icon',
      activity_calendar_event_id: 'Next Activity Calendar Event',
    },
  },
};

/** Field names no spec may define: Odoo's magic fields and names BaseModel uses itself. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  'id',
  // The generated tests pass field values as keyword arguments of methods that own `self`.
  'self',
  'create_uid',
  'create_date',
  'write_uid',
  'write_date',
  'display_name',
  '__last_update',
  'env',
  'ids',
  'pool',
  'context',
  'cr',
  'uid',
  'su',
  'fields',
  'models',
  'api',
]);

/** Python's keywords: none may be a field, method or group name. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'false', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'none',
  'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'true', 'try', 'while', 'with', 'yield',
]);
