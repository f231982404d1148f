import DispatchStore
import Understanding

/// Emergencies: the number to call comes first (said by the turn), then the address, then the
/// ticket at once; the phone may follow it. A request in progress waits for the emergency.
extension TurnProcessor {
    /// Opens the emergency's form (or marks the one in progress, if it is the same matter).
    func handleEmergency(_ context: inout Context) async throws {
        if let form = context.state.form, !form.emergency, form.intent != "health" {
            // A gas smell while reporting a leaking pipe is a second matter, not the same one:
            // the leak waits until the emergency's ticket is open (it had become a gas ticket).
            // Chest pain during a health question is the same matter, grown urgent.
            context.state.pausedForm = form
            context.state.form = nil
        }
        if context.state.form == nil {
            // A matter for the police (家里进小偷了) is never a repair or a complaint: it goes to
            // the grid worker who follows up on 110 calls, as the alarm promised.
            let forPolice = context.slots.emergencies.first?.call == "110"
            let intent = !forPolice && Self.requestIntents.contains(context.prediction.intent) ? context.prediction.intent : "health"
            try await openForm(intent, &context, announce: false)
        } else {
            context.state.form?.emergency = true
            try await continueForm(&context)
        }
    }

    /// Takes up the request set aside for an emergency, with the phone just given if it has none.
    func resumePausedForm(_ context: inout Context, phone: String? = nil) async throws {
        guard var paused = context.state.pausedForm, let definition = interpreter.catalog[paused.intent] else { return }
        context.state.pausedForm = nil
        if let phone, let slot = definition.slots.first(where: { $0.extractor == .phone }), paused.values[slot.name] == nil {
            paused.values[slot.name] = phone
        }
        context.state.form = paused
        context.say("刚才的\(definition.name)还没登记完。")
        try await nextStep(&context, progressed: true)
    }

    /// A phone given after an emergency's ticket was opened without one: added to the ticket
    /// for the unit, as a note (the ticket's own fields are as the resident confirmed them).
    func addPhone(_ phone: String, to number: TicketNumber, _ context: inout Context) async throws {
        try await store.addNote("居民补充联系电话：\(phone)", to: number, by: context.resident, visibility: .internal)
        context.say("好的，电话已经补充到工单号：\(number)，会打这个电话联系您。")
        try await resumePausedForm(&context, phone: phone)
    }
}
