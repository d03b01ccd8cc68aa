import type zh from '../zh-CN/resident';

/** English · resident. Typed against the Chinese part: a missing or extra key fails the type check. */
const en: Record<keyof typeof zh, string> = {
  'my.title': 'My requests',
  'my.subtitle': 'What you reported and how it is going, live',
  'my.new': 'New request',
  'my.empty': 'You have not reported anything yet',
  'my.handledBy': 'Handled at: {tier}',
  'my.submittedAt': 'Submitted {time}',
  'my.rated': 'Your rating',
  'my.rateLabel': 'How satisfied are you with the result?',
  'my.rateNote': 'Comments (optional)',
  'my.rateSubmit': 'Submit rating',
  'my.pickSatisfaction': 'Please choose how satisfied you are',
  'my.thanks': 'Thank you for your rating',
  'find.my.resolutionNote': "Handler's note:",
  'find.register.title': 'Your details',
  'find.register.hint': 'First sign-in with this number: give your name to submit requests and follow them.',
  'find.register.name': 'Name',
  'find.register.submit': 'Done',
  'find.my.notLinked':
    'Case {id} was not submitted from your account and cannot be shown here yet; ask the receiving unit, quoting the receipt.',
  'track.linking': 'Looking up case {id} and checking your phone number…',
};
export default en;
