import DispatchStore
import Foundation
import Segmentation
import Understanding

/// Repair, complaint and health requests: fill the slots, confirm, open the ticket.
extension TurnProcessor {
    /// A form id for a line without a message id to derive one from: 128 random bits.
    static func randomFormID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next(), radix: 16) + "-" + String(generator.next(), radix: 16)
    }

    /// Opens a request form from the first line. `announce` adds the opening lines (the health
    /// safety note, sub-category advice); an emergency skips them because its own line came first.
    func openForm(_ intent: String, _ context: inout Context, announce: Bool = true) async throws {
        guard let definition = interpreter.catalog[intent] else { return }
        // A gateway message id makes the form (and so the ticket) the same if the chat system
        // redelivers the messages after a restart has emptied the gateway's de-duplication cache.
        // Otherwise a random id (Foundation's UUID() opened /dev/urandom on every form).
        let formID = context.turn.messageID.map { "msg:\(context.turn.key.room):\($0)" } ?? Self.randomFormID()
        var form = RequestForm(id: formID, intent: intent)
        form.lines.append(context.text)
        // The first line is the description (whatever the text slot asks for), unless it only
        // names the kind of request (我要报修): then the bot asks what it is about.
        if let describe = definition.slots.first(where: { $0.extractor == .text }), !context.reply.namesOnlyTheKind {
            form.values[describe.name] = context.text
        }
        fill(&form, definition, from: context)
        if announce {
            let (subcategory, route) = route(of: form, definition)
            if intent == "health", let safety = definition.answers["safety"] {
                // The unit the ticket will go to (家庭医生团队 for blood pressure), as the ticket will say.
                context.say(Templates.fill(safety, ["unit": route?.unit ?? "社区医疗队"]))
            }
            // A sub-category's own advice (first aid for a bite, 96333 for a trapped lift).
            if let advice = subcategory.flatMap({ definition.answers[$0.id] }) { context.say(advice) }
        }
        context.state.form = form
        try await nextStep(&context)
    }

    func continueForm(_ context: inout Context) async throws {
        guard var form = context.state.form, let definition = interpreter.catalog[form.intent] else {
            context.state.form = nil
            return
        }
        if context.reply.isCancel {
            context.state.form = nil
            context.say(definition.answers["cancelled"] ?? "好的，已经取消，没有登记工单。")
            return
        }
        if let phone = phoneDeclined(form, definition, context) {
            // About this form, even when the classifier hears a wish for a person in it.
            if phone.required {
                context.say("电话还是需要留一个，工作人员要先联系上您才好办。")
            } else {
                form.declined.append(phone.name)
                context.say("好的，不留电话也可以。")
            }
            context.state.form = form
            // Then the question that was asked, unless it was for the phone: that line asked again.
            if !phone.required || form.asking != phone.name { try await nextStep(&context, progressed: true) }
            return
        }
        // "等一下，我找一下电话": the resident is looking for the answer; the form waits.
        if context.reply.isWait, context.slots.phones.isEmpty, context.slots.address == nil {
            context.state.form = form
            context.say("好的，不着急，我等您。找到了直接发给我就行。")
            return
        }
        // "不需要上门，电话联系就行": an answer about the visit, not a wish to talk to staff. QA:
        // the request was dropped and handed to a person.
        if context.reply.declinesVisit,
           let address = definition.slots.first(where: { $0.extractor == .address && !$0.required }) {
            form.values[address.name] = nil
            if !form.declined.contains(address.name) { form.declined.append(address.name) }
            form.lines.append(context.text)
            context.state.form = form
            try await nextStep(&context, progressed: true)
            return
        }
        let prediction = context.prediction
        if prediction.isConfident, prediction.intent != form.intent,
           ["repair", "complaint", "health", "certificate", "status", "human"].contains(prediction.intent),
           !answersForm(form, definition, context), !form.confirming || !context.reply.isYes,
           // A few characters are an answer to what was asked (4号门), whatever they sound like.
           context.text.count > 6 || prediction.intent == "human" {
            // A question on the side (what to bring for a certificate, where a ticket stands)
            // is answered, and the form waits for the rest. So is a wish for a person (为什么要
            // 电话, 你们管不管): staff are asked to follow up, and what was said is kept (QA: the
            // half-told complaint was thrown away).
            if ["certificate", "status", "human"].contains(prediction.intent) {
                context.state.form = form
                try await start(prediction.intent, &context)
                context.state.certificateOffer = nil
                context.say("刚才的\(definition.name)还没登记完。")
                try await nextStep(&context, progressed: true)
                return
            }
            // A clear request of another kind drops the half-filled one (the resident changed topic).
            context.state.form = nil
            context.say("好的，刚才的\(definition.name)先不登记了。")
            try await start(prediction.intent, &context)
            return
        }
        form.lines.append(context.text)
        if form.confirming {
            let before = form.values
            fill(&form, definition, from: context)
            if form.values != before {
                // A correction ("不对，是6栋"): confirm again with the new values.
                context.state.form = form
                try await nextStep(&context)
                return
            }
            if let describe = definition.slots.first(where: { $0.extractor == .text }), context.reply.isCorrection {
                // "等一下，不是楼道灯，是电梯坏了": the request itself, corrected in the resident's words.
                form.values[describe.name] = context.text
                context.state.form = form
                try await nextStep(&context)
                return
            }
            if context.reply.isYes {
                // The 确认 itself says nothing about the request: it stays out of the details.
                form.lines.removeLast()
                context.state.form = form
                try await createTicket(&context)
                return
            }
            context.state.form = form
            context.say(definition.answers["edit"] ?? "好的，请直接告诉我哪一项要改，比如“地址是6栋2单元301”。")
            return
        }
        let asking = form.asking
        let before = form.values
        fill(&form, definition, from: context, asking: asking)
        let progressed = form.values != before
        if let asking, form.values[asking] == nil, !form.declined.contains(asking),
           let slot = definition.slots.first(where: { $0.name == asking }) {
            if !slot.required, context.reply.isSkip || context.reply.isNo {
                form.declined.append(asking)
            } else if form.asked[asking, default: 0] >= 3 {
                // Asked once and re-asked twice: a person can do better than a fourth question.
                context.say("我可能没听明白。您可以回复“转人工”，请工作人员联系您；也可以再试着说一次。")
                if !slot.required { form.declined.append(asking) }
            }
        }
        context.state.form = form
        try await nextStep(&context, progressed: progressed)
    }

    /// The form's phone slot, when the line turns it down ("不用留电话", "电话就不留了"), whether
    /// or not the bot has asked for it yet.
    private func phoneDeclined(_ form: RequestForm, _ definition: IntentDefinition, _ context: Context) -> SlotDefinition? {
        guard context.reply.declinesPhone, context.slots.phones.isEmpty,
              let slot = definition.slots.first(where: { $0.extractor == .phone }),
              form.values[slot.name] == nil, !form.declined.contains(slot.name)
        else { return nil }
        return slot
    }

    /// Whether this line answers the form rather than starting something new: it gives the
    /// slot the bot asked for, or a phone number, or it is mostly an address (given while the
    /// phone is asked, it looks like a repair to the classifier).
    private func answersForm(_ form: RequestForm, _ definition: IntentDefinition, _ context: Context) -> Bool {
        if let asking = form.asking, let slot = definition.slots.first(where: { $0.name == asking }),
           slot.extractor != .text, context.slots.value(for: slot.extractor) != nil {
            return true
        }
        let kinds = Set(definition.slots.map(\.extractor))
        // A phone number in the middle of a form is for the form (没得手机，座机是85621234).
        if kinds.contains(.phone), !context.slots.phones.isEmpty { return true }
        // So is a time the form still lacks (明天下午家里有人，那时候来), or a line that is mostly
        // a time (每天晚上11点以后), whatever else it sounds like: QA saw one open a health request
        // in place of the complaint.
        if let time = context.slots.time, definition.slots.contains(where: { slot in
            slot.extractor == .time && !(slot.wantsUpcomingTime && time.end <= context.turn.time)
                && (form.values[slot.name] == nil || time.original.count * 2 >= context.text.count)
        }) {
            return true
        }
        return kinds.contains(.address) && isMostlyAddressOrPhone(context)
    }

    /// A ticket's one-line summary: the description, cut at 80 characters, but never through a
    /// number. QA: a phone or ID number cut in half is no longer one the masker knows, and its
    /// first ten or seventeen digits were printed in listings.
    static func summary(of description: String, length: Int = 80) -> String {
        guard description.count > length else { return description }
        var cut = description.prefix(length)
        // Digits, and the spaces or dashes between groups of them (139 1234 56); not letters, or
        // an English description would be cut away whole.
        while let last = cut.last, last.isNumber || (last == " " || last == "-") && cut.dropLast().last?.isNumber == true {
            cut.removeLast()
        }
        return cut + "…"
    }

    /// Eight digits not starting with 0 or 1: a local landline number in Wuhan.
    static func isLocalLandline(_ core: String) -> Bool {
        core.utf8.count == 8 && core.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && !["0", "1"].contains(core.first)
    }

    /// Whether an address or a phone number makes up at least half of the line.
    private func isMostlyAddressOrPhone(_ context: Context) -> Bool {
        let values = context.slots.phones + (context.slots.address.map { [$0] } ?? [])
        return values.contains { $0.originalRange.count * 2 >= context.text.utf8.count }
    }

    /// Takes every value this line gives. The asked slot also takes free text and yes/no.
    private func fill(_ form: inout RequestForm, _ definition: IntentDefinition, from context: Context, asking: String? = nil) {
        for slot in definition.slots {
            if slot.extractor == .text {
                // An address or a number given when asked what is wrong fills its own slot only.
                if slot.name == asking, !context.reply.isSkip || slot.required, !isMostlyAddressOrPhone(context) {
                    form.values[slot.name] = context.text
                }
                continue
            }
            if slot.extractor == .anonymous, slot.name == asking, context.slots.anonymous == nil {
                // 不留 to "匿名吗？" means leave no name, not no answer.
                let leavesNoName = ["不留", "别留"].contains(where: context.reply.core.hasPrefix)
                if context.reply.isYes || leavesNoName { form.values[slot.name] = "是" }
                if !leavesNoName, context.reply.isNo || context.reply.isSkip { form.values[slot.name] = "否" }
                continue
            }
            if slot.takesOwnWords, slot.name == asking, !context.reply.isSkip, !context.reply.isOnlyAnAnswerWord,
               context.slots.phones.isEmpty, context.slots.anonymous == nil {
                // The place as the resident put it (7栋2单元502楼上, 金银湖那边的工地), recognised or not.
                form.values[slot.name] = context.text
                continue
            }
            if slot.extractor == .phone, slot.name == asking, context.slots.phones.isEmpty,
               Self.isLocalLandline(context.reply.core) {
                // Asked for a phone, 85621234 is a local landline (the area code, 027, goes without saying).
                form.values[slot.name] = context.reply.core
                continue
            }
            if slot.wantsUpcomingTime, let time = context.slots.time, time.end <= context.turn.time {
                // A time already past says when it happened, not when to come.
                continue
            }
            if var value = context.slots.value(for: slot.extractor) {
                // 3栋 first, 1单元301 later: one address, not a replacement.
                if slot.extractor == .address, let old = form.values[slot.name] {
                    value = AddressParts.merging(old, with: value)
                }
                form.values[slot.name] = value
            } else if slot.extractor == .time, slot.name == asking, !context.reply.isSkip, !context.reply.isOnlyAnAnswerWord,
                      context.slots.phones.isEmpty, context.slots.anonymous == nil, !isMostlyAddressOrPhone(context) {
                // Residents describe times loosely (一直这样, 每到周末): their words will do, unless
                // the line answers something else (不匿名，电话186…).
                form.values[slot.name] = context.text
            }
        }
        if context.slots.emergencies.isEmpty == false { form.emergency = true }
    }

    /// Asks for the next missing slot, or confirms, or (in an emergency with an address)
    /// opens the ticket at once.
    /// - Parameter progressed: The line answered something, though not what was asked.
    func nextStep(_ context: inout Context, progressed: Bool = false) async throws {
        guard var form = context.state.form, let definition = interpreter.catalog[form.intent] else { return }
        if form.emergency, let address = definition.slots.first(where: { $0.extractor == .address }),
           form.values[address.name] != nil {
            context.state.form = form
            try await createTicket(&context)
            return
        }
        let (subcategory, route) = route(of: form, definition)
        let asked = subcategory?.asks ?? []
        let missing = definition.slots.first { slot in
            (slot.required || slot.ask || asked.contains(slot.name) || (form.emergency && slot.extractor == .address))
                && form.values[slot.name] == nil && !form.declined.contains(slot.name)
        }
        if let slot = missing {
            let count = form.asked[slot.name, default: 0]
            form.asked[slot.name] = count + 1
            form.asking = slot.name
            form.confirming = false
            context.state.form = form
            if form.emergency, slot.extractor == .address {
                // The unit the ticket will go to: a fire reported as a complaint goes to the grid
                // worker, a gas smell to the gas company, not to the medical team. Not when the
                // alarm just said it, naming the same unit (QA: 打完电话再告诉我地址 twice in a row).
                let unit = route?.unit ?? "社区工作人员"
                if !(context.lines.last.map { $0.contains("告诉我地址") && $0.contains(unit) } ?? false) {
                    context.say("打完电话后，请告诉我地址（几栋几单元几室），我马上通知\(unit)。")
                }
            } else {
                // The reprompt says the last answer did not do ("电话好像不完整"): not after a line
                // that gave something else, such as the address while the phone was asked.
                let retried = count > 0 && !progressed
                context.say((retried ? slot.reprompt ?? slot.prompt : slot.prompt) ?? "请再说详细一点。")
            }
            return
        }
        form.asking = nil
        form.confirming = true
        context.state.form = form
        let confirm = definition.answers["confirm"] ?? "我核对一下：{summary}。没问题请回复“确认”。"
        context.say(Templates.fill(confirm, displayValues(form, definition)))
    }

    /// Slot values for the resident's eyes: phone masked, declined slots said plainly.
    private func displayValues(_ form: RequestForm, _ definition: IntentDefinition) -> [String: String] {
        var values: [String: String] = [:]
        for slot in definition.slots {
            // A missing value is filled as 未填写 by the template itself.
            guard let value = form.values[slot.name] else {
                if form.declined.contains(slot.name) { values[slot.name] = "不需要" }
                continue
            }
            switch slot.extractor {
            case .phone: values[slot.name] = PersonalDataMasker.maskPhone(value)
            // The resident's own words may carry a phone or ID number too.
            case .text: values[slot.name] = masker.mask(value, addresses: false)
            default: values[slot.name] = value
            }
        }
        let description = definition.slots.first { $0.extractor == .text }.flatMap { form.values[$0.name] }
        values["summary"] = masker.mask(description ?? form.lines.first ?? "", addresses: false)
        return values
    }

    /// The form's sub-category (from the keywords of everything the resident said) and where
    /// its ticket goes: the sub-category's route, else the intent's default.
    private func route(of form: RequestForm, _ definition: IntentDefinition) -> (subcategory: Subcategory?, route: Route?) {
        let text = NormalizedText(form.lines.joined(separator: " ")).text
        let named = interpreter.extractor.subcategory(of: form.intent, in: text)
        // Chest pain after a question about blood pressure goes to the emergency team, not to
        // the family doctors whose keyword came first; an urgent sub-category its own words
        // name (violence, after 110: the grid worker) keeps the emergency where it belongs.
        let emergency = form.emergency && named?.priority != .urgent
            ? definition.routing?.subcategories.first { $0.id == "emergency" } : nil
        let subcategory = emergency ?? named
        return (subcategory, subcategory?.route ?? definition.routing?.default)
    }

    /// Opens the ticket (durably) and only then tells its number.
    func createTicket(_ context: inout Context) async throws {
        guard let form = context.state.form, let definition = interpreter.catalog[form.intent] else { return }
        let (subcategory, route) = route(of: form, definition)
        func value(_ kind: SlotKind) -> String? {
            definition.slots.first { $0.extractor == kind && form.values[$0.name] != nil }.flatMap { form.values[$0.name] }
        }
        var description = definition.slots.first { $0.extractor == .text }.flatMap { form.values[$0.name] } ?? form.lines[0]
        var details = form.lines.joined(separator: "\n")
        for slot in definition.slots where ![.text, .address, .phone].contains(slot.extractor) {
            if let value = form.values[slot.name] { details += "\n\(slot.name): \(value)" }
        }
        // Anonymous: the bot promised that the unit never sees the resident's number, and units
        // and volunteers read the ticket. The number stays in the conversation, where staff
        // can look it up (masked unless revealed, and every reveal is audited).
        let isAnonymous = form.values["anonymous"] == "是"
        if isAnonymous {
            description = masker.mask(description, addresses: false, hidingPhones: true)
            details = masker.mask(details, addresses: false, hidingPhones: true) + "\n匿名：居民的电话只在对话记录里，社区工作人员可查"
        }
        let draft = TicketDraft(
            category: form.intent, subcategory: subcategory?.id,
            priority: form.emergency ? .urgent : TicketPriority(route?.priority), isEmergency: form.emergency,
            summary: Self.summary(of: description), details: details, address: value(.address),
            contactPhone: isAnonymous ? nil : value(.phone), conversationID: context.conversation.id, channel: context.turn.key.channel,
            sourceMessageID: "form:\(form.id)",
            dispatchWithin: route.map { TimeInterval(form.emergency ? min($0.dispatchWithin.seconds, 3600) : $0.dispatchWithin.seconds) },
            resolveWithin: route.map { TimeInterval($0.resolveWithin.seconds) },
            submittedBy: context.resident)
        let ticket = try await store.createTicket(draft)
        context.state.form = nil
        let created = definition.answers[isAnonymous ? "created_anonymous" : "created"]
            ?? definition.answers["created"]
        // The time the ticket was given: an emergency's is at most an hour, whatever the route says.
        let dispatchWithin = draft.dispatchWithin.map { TimeLimit(seconds: Int($0)).chinese }
        sayCreated(ticket, template: created, route: route, defaultUnit: "社区", dispatchWithin: dispatchWithin, &context)
        if form.emergency, draft.contactPhone == nil {
            // An emergency's ticket opens as soon as the address is known; the phone can follow.
            context.state.phoneWantedFor = ticket.id.sequence
            context.say("方便的话再留一个联系电话，\(route?.unit ?? "工作人员")好直接联系您。")
        } else {
            try await resumePausedForm(&context)
        }
    }

    /// Tells the ticket number, only ever after its commit, with who handles it and how soon.
    func sayCreated(_ ticket: Ticket, template: String?, route: Route?, defaultUnit: String,
                    dispatchWithin: String? = nil, _ context: inout Context) {
        context.state.hasTickets = true
        context.ticketsCreated += 1
        context.say(Templates.fill(template ?? "已为您登记。工单号：{ticket_id}。", [
            "ticket_id": ticket.id.description, "unit": route?.unit ?? defaultUnit,
            "dispatch_within": dispatchWithin ?? route?.dispatchWithin.chinese ?? "尽快",
            "resolve_within": route?.resolveWithin.chinese ?? "尽快",
        ]))
    }
}

extension TicketPriority {
    /// The store's priority for a routing priority from `intents/`.
    init(_ priority: Priority?) {
        switch priority {
        case .low: self = .low
        case .high: self = .high
        case .urgent: self = .urgent
        case .normal, nil: self = .normal
        }
    }
}
