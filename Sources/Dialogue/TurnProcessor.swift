import DispatchStore
import Foundation
import Understanding

/// One turn, start to finish: load the conversation, understand the line, answer it, record
/// everything, save the state. Stateless itself; the state lives in the store.
struct TurnProcessor: Sendable {
    let interpreter: Interpreter
    let store: any DispatchStore
    let answers: Answers
    let masker: PersonalDataMasker
    let states = DialogueStateCache()

    init(interpreter: Interpreter, store: any DispatchStore) {
        self.interpreter = interpreter
        self.store = store
        answers = Answers(catalog: interpreter.catalog)
        masker = PersonalDataMasker()
    }

    /// The working set of one turn.
    struct Context {
        private(set) var turn: Turn
        let conversation: Conversation
        private(set) var interpretation: Interpretation
        var state: DialogueState
        /// The line as a short answer (yes, no, skip …).
        private(set) var reply: ReplyWords
        var lines: [String] = []
        var endsConversation = false
        /// Tickets opened in this turn.
        var ticketsCreated = 0

        init(turn: Turn, conversation: Conversation, interpretation: Interpretation, state: DialogueState) {
            self.turn = turn
            self.conversation = conversation
            self.interpretation = interpretation
            self.state = state
            self.reply = ReplyWords(turn.text)
        }

        /// Takes `text` as the line being handled: a request chosen after a clarifying question
        /// is the line that needed clarifying, not the number that chose its intent.
        mutating func restate(_ text: String, as interpretation: Interpretation) {
            turn.text = text
            self.interpretation = interpretation
            reply = ReplyWords(text)
        }

        var text: String { turn.text }
        var slots: ExtractedSlots { interpretation.slots }
        var prediction: IntentPrediction { interpretation.prediction }
        var resident: ActorRef { .resident(turn.key.description) }
        mutating func say(_ line: String) { lines.append(line) }
    }

    func process(_ turn: Turn) async throws -> Reply {
        // Trimmed with the standard library: Foundation's trimmingCharacters cost more than
        // a percent of the server's time per message.
        let scalars = turn.text.unicodeScalars
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = scalars[start...].lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:)) ?? start
        let text = String(scalars[start..<end])
        let conversation = try await store.openConversation(channel: turn.key.channel, room: turn.key.room,
                                                            user: turn.key.user)
        guard !text.isEmpty else { return Reply(lines: [], endsConversation: false, conversationID: conversation.id) }
        var cleanTurn = turn
        cleanTurn.text = text
        let interpretation = interpreter.interpret(text, now: turn.time)
        var context = Context(turn: cleanTurn, conversation: conversation, interpretation: interpretation,
                              state: states.state(of: conversation))
        let isCommand = text.hasPrefix("/")
        let inbound = TranscriptLine(
            conversationID: conversation.id, direction: .inbound, text: text,
            intent: isCommand ? nil : interpretation.prediction.intent,
            confidence: isCommand ? nil : interpretation.prediction.confidence, at: turn.time)

        if isCommand {
            command(text, &context)
        } else {
            do {
                try await respond(&context)
                try await askForRatings(&context)
            } catch is DispatchStoreError {
                // A write the resident was about to be told about failed: say so, promise nothing.
                context.say(Answers.storeUnavailable)
            }
        }
        return try await record(context, after: inbound)
    }

    /// One durable commit for the whole turn: the resident's line (if any), the replies and
    /// the new state.
    func record(_ context: Context, after inbound: TranscriptLine?) async throws -> Reply {
        let id = context.conversation.id
        let outbound = context.lines.map {
            TranscriptLine(conversationID: id, direction: .outbound, text: $0, at: context.turn.time)
        }
        let saved = context.state.encoded()
        try await store.recordTurn((inbound.map { [$0] } ?? []) + outbound, dialogueState: saved, for: id)
        states.remember(context.state, savedAs: saved, for: id)
        return Reply(lines: context.lines, endsConversation: context.endsConversation, conversationID: id,
                     awaitsAnswer: context.state.isWaitingForAnswer, intent: inbound?.intent,
                     ticketsCreated: context.ticketsCreated)
    }

    private func command(_ text: String, _ context: inout Context) {
        switch text.lowercased() {
        case "/cancel", "/取消":
            // As 取消 would: the form in progress is dropped, nothing is registered.
            if let form = context.state.form, let definition = interpreter.catalog[form.intent] {
                context.state.form = nil
                context.say(definition.answers["cancelled"] ?? "好的，已经取消，没有登记工单。")
            } else {
                context.say("现在没有正在登记的事。要取消已经登记的工单，请说“取消工单”加工单号。")
            }
        case "/quit", "/exit", "/bye":
            context.say(Answers.leaving)
            context.endsConversation = true
        default:
            context.say(answers.help)
        }
    }

    private func respond(_ context: inout Context) async throws {
        for phone in context.slots.phones where !context.state.phonesGiven.contains(phone.value) {
            context.state.phonesGiven.append(phone.value)
        }
        // An emergency comes before everything, whatever else is going on.
        if let emergency = context.slots.emergencies.first {
            context.say(emergency.say)
            try await handleEmergency(&context)
            return
        }
        if let sequence = context.state.phoneWantedFor {
            context.state.phoneWantedFor = nil
            let askedAgain = context.state.phoneAskedAgain
            context.state.phoneAskedAgain = false
            // 85621234 alone, asked for a phone, is a local landline (the form takes it so too).
            let landline = Self.isLocalLandline(context.reply.core) ? context.reply.core : nil
            if let phone = context.slots.phones.first?.value ?? landline {
                try await addPhone(phone, to: TicketNumber(sequence), &context)
                return
            }
            // No phone: a request set aside for the emergency takes this line.
            if let paused = context.state.pausedForm {
                context.state.form = paused
                context.state.pausedForm = nil
            } else if context.reply.isSkip || context.reply.isCancel || context.reply.declinesPhone {
                context.say("好的，不留电话也可以。需要的话可以直接打社区电话联系工作人员。")
                return
            } else if !askedAgain,
                      ["certificate", "out_of_scope"].contains(context.prediction.intent) || !context.prediction.isConfident {
                // More about the same request (办公积金贷款用): kept on the ticket for staff, and
                // the phone asked for once more. QA: the question was dropped, and the number that
                // came next was taken for chit-chat. (Control characters a chat platform let
                // through are not for a note.)
                let words = String(String.UnicodeScalarView(context.text.unicodeScalars.map {
                    $0.properties.generalCategory == .control && $0 != "\n" ? " " : $0
                }))
                try await store.addNote("居民补充：\(words)", to: TicketNumber(sequence), by: context.resident, visibility: .internal)
                context.state.phoneWantedFor = sequence
                context.state.phoneAskedAgain = true
                context.say("好的，记下了。还请留一个联系电话，工作人员好联系您；不想留可以回复“不留”。")
                return
            }
        }
        if context.state.ratingTicket != nil, try await handleRating(&context) { return }
        if let offered = context.state.clarifying {
            context.state.clarifying = nil
            if let chosen = chosenIntent(context.reply.core, offered) {
                if let original = context.state.clarifyingText {
                    context.restate(original, as: interpreter.interpret(original, now: context.turn.time))
                }
                context.state.clarifyingText = nil
                try await start(chosen, &context)
                return
            }
        }
        if let certificate = context.state.certificateOffer {
            context.state.certificateOffer = nil
            if acceptsCertificateOffer(certificate, context) {
                try await createCertificateTicket(certificate, &context)
                return
            }
        }
        if let sequence = context.state.cancelOffer {
            context.state.cancelOffer = nil
            if try await handleCancelAnswer(&context, ticket: sequence) { return }
        }
        if context.state.form != nil {
            try await continueForm(&context)
            return
        }
        if asksToCancelTicket(context) {
            try await offerCancellation(&context)
            return
        }
        if let topic = context.state.certificateTopic, isCertificateFollowUp(context) {
            answerCertificate(&context, topic: topic)
            return
        }
        // A few words naming a certificate (户口的, 单身证明) answer "which one?", whatever the
        // classifier makes of so short a line.
        if context.slots.certificateKind != nil, context.reply.core.count <= 8 {
            answerCertificate(&context)
            return
        }
        // Only emoji or punctuation (😀😀, ？？): nothing to understand yet.
        if !context.reply.core.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            context.say("有什么需要帮忙的，直接告诉我就行，比如“3栋2单元楼道灯坏了”。")
            return
        }
        // A bare 确认/好的 with nothing waiting for it: say so rather than guess (it answers
        // something, so it is never chit-chat either).
        if context.reply.core.count <= 4, context.reply.isYes || context.reply.isNo,
           !context.prediction.isConfident || ["status", "out_of_scope"].contains(context.prediction.intent) {
            context.say("现在没有需要您确认的事情。有什么需要帮忙的，直接告诉我就行，比如“3栋2单元楼道灯坏了”。")
            return
        }
        let prediction = context.prediction
        if !prediction.isConfident, let options = clarifyingOptions(prediction) {
            context.state.clarifying = options
            context.state.clarifyingText = context.text
            let choices = options.enumerated().map { "\($0.offset + 1). \(answers.name(of: $0.element))" }
            context.say("我没太明白您的意思。您是想：\(choices.joined(separator: "  "))？回复数字就行。")
            return
        }
        try await start(prediction.intent, &context)
    }

    /// Offer a choice only when a ticket-opening intent is among the likely ones; a weak
    /// guess between chit-chat intents just gets the help.
    private func clarifyingOptions(_ prediction: IntentPrediction) -> [String]? {
        let top = prediction.topThree.filter { $0.confidence >= 0.1 }.map(\.intent)
        guard top.count >= 2, top.contains(where: { Self.requestIntents.contains($0) || $0 == "certificate" || $0 == "status" })
        else { return nil }
        return top
    }

    private func chosenIntent(_ core: String, _ options: [String]) -> String? {
        if let number = Int(core), (1...options.count).contains(number) { return options[number - 1] }
        return options.first { core.includes(answers.name(of: $0)) }
    }

    static let requestIntents: Set<String> = ["repair", "complaint", "health"]

    /// Handles a line that starts something new.
    func start(_ intent: String, _ context: inout Context) async throws {
        // Something new: a later "怎么办理？" is no longer about the last certificate.
        if intent != "certificate" { context.state.certificateTopic = nil }
        switch intent {
        case "repair", "complaint", "health":
            try await openForm(intent, &context)
        case "certificate":
            answerCertificate(&context)
        case "status":
            try await answerStatus(&context)
        case "human":
            try await handOff(&context)
        case "greeting":
            context.say(answers.welcome)
        case "thanks":
            context.say(answers.goodbye)
        default:
            context.say(answers.redirect)
        }
    }
}
