/**
 * Subscriber of the SW_Match__e platform event ("Match Leads/Contacts via Platform Events").
 * Platform event triggers run as the Automated Process user after the publishing transaction
 * commits; all work is delegated to SWMatchEventHandler.
 */
trigger SWMatchEventTrigger on SW_Match__e (after insert) {
    SWMatchEventHandler.handle(Trigger.new);
}
