import DispatchStore
import Foundation
import Testing
@testable import Dialogue

@Suite struct OtherDialogueTests {
    @Test func anEmergencyIsToldToCallFirstThenGetsAnUrgentTicketOnceAnAddressIsGiven() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let first = try await engine.handle(Turn(key: resident.key, text: "我爸突然胸口痛，喘不上气", time: morning))
        #expect(first.lines.first?.contains("120") == true)
        #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
        let created = try await resident.say("5栋2单元301")
        let number = try #require(ticketNumber(in: created))
        let ticket = try #require(try await store.ticket(number))
        #expect(ticket.isEmergency && ticket.priority == .urgent)
        #expect(ticket.category == "health")
    }

    @Test func aGasLeakSays119First() async throws {
        let (engine, store) = try makeEngine()
        let reply = try await engine.handle(Turn(key: Resident(engine: engine, store: store).key,
                                                 text: "家里闻到很大的煤气味", time: morning))
        #expect(reply.lines.first?.contains("119") == true)
    }

    @Test func healthConsultationsCarryTheSafetyNote() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await resident.say("我妈高血压，最近老是头晕，想请医生上门看看")
        #expect(reply.contains("不能") && reply.contains("诊断"))
    }

    @Test func certificatesAreAnsweredFromTheKnowledgeBaseWithoutATicket() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await resident.say("我要开户口证明")
        #expect(reply.contains("户籍证明"))
        #expect(reply.contains("派出所"))
        #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
    }

    @Test func aResidentWithdrawsTheirOwnTicketBeforeWorkStartsAfterAReadBack() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store, user: "alice")
        _ = try await resident.say("3栋2单元101楼道灯坏了，电话13912345678")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        let other = Resident(engine: engine, store: store, user: "bob")
        // Bob names Alice's ticket: not his to cancel.
        #expect(try await other.say("取消工单\(number)").contains("没有可以取消的工单"))
        let readBack = try await resident.say("灯已经好了，刚才那个工单取消吧")
        #expect(readBack.contains("要取消工单号：\(number)") && readBack.contains("楼道灯坏了"), "\(readBack)")
        #expect(try await store.ticket(number)?.state == .submitted)
        let done = try await resident.say("确认")
        #expect(done.contains("已取消"), "\(done)")
        #expect(try await store.ticket(number)?.state == .cancelled)
        #expect(try await store.events(of: number).last?.actor == .resident(resident.key.description))
    }

    /// Found by a QA session: a bare 取消 after the ticket was taken for chit-chat, and 不要了 to
    /// "要取消…吗？" kept the ticket.
    @Test func aBareCancelAfterATicketOffersToWithdrawItAndItsAnswersMeanWhatTheySay() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("3栋2单元101楼道灯坏了，电话13912345678")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        #expect(try await resident.say("取消").contains("要取消工单号：\(number)"))
        #expect(try await resident.say("继续").contains("继续处理"))
        #expect(try await store.ticket(number)?.state == .submitted)
        // 不要 to "要取消…吗？" is don't (a review caught it cancelling), and so is 不用取消.
        for keep in ["不要", "不用取消"] {
            #expect(try await resident.say("取消").contains("要取消工单号：\(number)"))
            #expect(try await resident.say(keep).contains("继续处理"), "\(keep)")
            #expect(try await store.ticket(number)?.state == .submitted)
        }
        #expect(try await resident.say("取消").contains("要取消工单号：\(number)"))
        #expect(try await resident.say("不要了").contains("已取消"))
        #expect(try await store.ticket(number)?.state == .cancelled)
    }

    @Test func aTicketAlreadyBeingWorkedOnIsNotWithdrawnFromTheChat() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("3栋2单元101楼道灯坏了，电话13912345678")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        try await startWork(on: number, in: store)
        let reply = try await resident.say("不用修了，取消吧")
        #expect(reply.contains("不能在这里取消") && reply.contains("转人工"), "\(reply)")
        #expect(try await store.ticket(number)?.state == .inProgress)
    }

    @Test func onlyEmojiGetsAnInvitationNotAGoodbye() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await resident.say("😀😀")
        #expect(reply.contains("有什么需要帮忙的") && !reply.contains("再见"), "\(reply)")
    }

    @Test func aCertificateRequestThatNamesNoneIsAskedWhichOne() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await resident.say("我要开证明")
        #expect(reply.contains("请问您要开什么证明"), "\(reply)")
        #expect(try await resident.say("居住证明").contains("派出所"))
    }

    /// Found by a QA session: a dog bite was a low-priority vaccine question answered in a day,
    /// and loneliness was out of scope.
    @Test(arguments: [("被狗咬了一口出了点血，狂犬疫苗哪里打", "animal_bite", "肥皂水"),
                      ("孩子发烧40度了，精神很差，一直睡", "high_fever", "尽快去医院")])
    func timeCriticalHealthQuestionsGetAdviceAndAFasterRoute(text: String, subcategory: String, advice: String) async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await resident.say(text)
        #expect(reply.contains(advice), "\(reply)")
        _ = try await resident.say("13912345678")
        var confirm = try await resident.say("都行")
        if !confirm.contains("确认") { confirm = try await resident.say("不用") }
        let number = try #require(ticketNumber(in: try await resident.say("确认")), "\(confirm)")
        let ticket = try #require(try await store.ticket(number))
        #expect(ticket.subcategory == subcategory && ticket.priority == .high)
    }

    /// Found by a QA session: /cancel showed the help, and the form went on.
    @Test func slashCancelDropsTheFormInProgress() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("厨房水管漏水")
        let cancelled = try await resident.say("/cancel")
        #expect(cancelled.contains("已取消") && !cancelled.contains("/quit"), "\(cancelled)")
        #expect(try await resident.say("/cancel").contains("没有正在登记的事"))
    }

    /// Found by a QA session: 户口的 got the clarification menu.
    @Test func aShortAnswerNamingACertificateIsAnswered() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("我要开个证明")
        #expect(try await resident.say("户口的").contains("户籍证明"))
    }

    /// Found by a QA session: a certificate ticket was opened with no phone, and "我可以请社区
    /// 工作人员联系您" could not be taken up for a certificate the community no longer issues.
    @Test(arguments: [("志愿服务证明怎么开", "好的", "issue_here"), ("开户籍证明要带什么", "登记", "clarify")])
    func aRegisteredCertificateAsksForAPhone(question: String, yes: String, subcategory: String) async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say(question)
        let created = try await resident.say(yes)
        let number = try #require(ticketNumber(in: created), "\(created)")
        #expect(created.contains("联系电话"), "\(created)")
        #expect(try await store.ticket(number)?.subcategory == subcategory)
        #expect(try await resident.say("13912340071").contains("电话已经补充"))
        #expect(try await store.events(of: number).contains { $0.reason?.contains("13912340071") == true })
    }

    /// Found by a QA session: a word on what the certificate is for dropped the phone question,
    /// and the number that came next was taken for chit-chat.
    @Test func aCertificatesPurposeGivenBeforeThePhoneIsKeptAndThePhoneStillTaken() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("单身证明在哪里开")
        let number = try #require(ticketNumber(in: try await resident.say("登记")))
        #expect(try await resident.say("办公积金贷款用").contains("联系电话"))
        #expect(try await resident.say("13912340000").contains("电话已经补充到工单号：\(number)"))
        let notes = try await store.events(of: number).compactMap(\.reason)
        #expect(notes.contains("居民补充：办公积金贷款用") && notes.contains { $0.contains("13912340000") }, "\(notes)")
    }

    /// Found in review: the phone could be asked for again and again, and a refusal or a bare
    /// landline was not taken.
    @Test func aPhoneIsAskedForAtMostTwiceAndARefusalOrALandlineIsTaken() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("单身证明在哪里开")
        _ = try await resident.say("登记")
        #expect(try await resident.say("办公积金贷款用").contains("联系电话"))
        #expect(!(try await resident.say("我再想想用途")).contains("联系电话"))

        let other = Resident(engine: engine, store: store, user: "2")
        _ = try await other.say("单身证明在哪里开")
        let number = try #require(ticketNumber(in: try await other.say("登记")))
        #expect(try await other.say("85621234").contains("电话已经补充到工单号：\(number)"))
        let third = Resident(engine: engine, store: store, user: "3")
        _ = try await third.say("单身证明在哪里开")
        _ = try await third.say("登记")
        #expect(try await third.say("我不想留电话").contains("不留电话也可以"))
    }

    @Test func thanksForAnAnswerAboutACertificateNotIssuedHereRegistersNothing() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("开户籍证明要带什么")
        _ = try await resident.say("好的，谢谢")
        #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
    }

    @Test func aShortFollowUpIsAboutTheCertificateJustExplained() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("能帮我开个居住证明吗")
        for followUp in ["怎么办理", "在哪里办", "网上能办吗", "网上能查吗"] {
            let reply = try await resident.say(followUp)
            #expect(reply.contains("居住证") && reply.contains("派出所"), "\(followUp): \(reply)")
        }
        // A line that clearly means something else is that.
        #expect(!(try await resident.say("网格员在哪，我要找真人")).contains("居住证"))
        #expect(!(try await resident.say("我的工单在哪里查")).contains("派出所"))
        _ = try await resident.say("居住证明去哪开")
        // Once something else came up, the same words are no longer about it.
        _ = try await resident.say("你好")
        #expect(!(try await resident.say("怎么办理")).contains("居住证"))
    }

    @Test func statusShowsOnlyTheTicketsOfThisConversationWhateverNumberOrPhoneIsGiven() async throws {
        let (engine, store) = try makeEngine()
        let alice = Resident(engine: engine, store: store, user: "alice")
        _ = try await alice.say("3栋楼道灯坏了，3栋2单元101，电话13912345678")
        let number = try #require(ticketNumber(in: try await alice.say("确认")))
        let own = try await alice.say("我报的修到哪一步了")
        #expect(own.contains(number.description) && own.contains("已登记"))

        let bob = Resident(engine: engine, store: store, user: "bob")
        let guess = try await bob.say("工单号\(number)到哪一步了")
        #expect(!guess.contains("已登记") && !guess.contains("报修"))
        #expect(guess.contains("/resume"))

        // Her phone is no key: a neighbour may know it.
        let neighbour = Resident(engine: engine, store: store, user: "neighbour", room: "room-2")
        let withPhone = try await neighbour.say("查一下进度，我电话13912345678")
        #expect(!withPhone.contains(number.description) && !withPhone.contains("已登记"))
        #expect(withPhone.contains("/resume"))
    }

    @Test func aResolvedTicketIsRatedAndTheRatingClosesIt() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("3栋2单元101楼道灯坏了，电话13912345678")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        try await startWork(on: number, in: store, resolving: "换了灯泡")
        let question = try await engine.updates(for: resident.key, now: morning)
        #expect(question.joined().contains("1到5"))
        #expect(!question.joined().contains("1391"))
        #expect(try await engine.updates(for: resident.key, now: morning).isEmpty)
        let thanks = try await resident.say("5分，师傅很快")
        #expect(thanks.contains("谢谢"))
        let ticket = try #require(try await store.ticket(number))
        #expect(ticket.state == .closed)
        #expect(ticket.rating == 5)
    }

    @Test func aResidentWhoSaysTheProblemIsStillThereGetsTheTicketReopenedNotClosed() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("3栋2单元101楼道灯坏了，电话13912345678")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        try await startWork(on: number, in: store, resolving: "换了灯泡")
        #expect(try await engine.updates(for: resident.key, now: morning).joined().contains("1到5"))
        let outOfRange = try await resident.say("10分")
        #expect(outOfRange.contains("1到5"), "\(outOfRange)")
        // A nod is not a score: the question is asked again (QA: "nothing to confirm").
        let nod = try await resident.say("嗯")
        #expect(nod.contains("1到5") && !nod.contains("确认"), "\(nod)")
        #expect(try await store.ticket(number)?.state == .resolved)
        // Once a rating of 2 that closed the ticket, with the light still off.
        let reply = try await resident.say("不满意，灯还是不亮")
        #expect(reply.contains("重新派回去") && reply.contains(number.description), "\(reply)")
        let ticket = try #require(try await store.ticket(number))
        #expect(ticket.state == .dispatched && ticket.rating == nil)
        #expect(try await store.events(of: number).last?.reason == "不满意，灯还是不亮")
        // Reopened, the old fix is not reported as done (found in review).
        let status = try await resident.say("查一下\(number)")
        #expect(!status.contains("换了灯泡") && status.contains("已派单"), "\(status)")
        // Resolved again, it is rated again (QA: the question never came back, and 5 was chit-chat).
        try await store.apply(.accept, to: number, by: .unit("wuye"))
        try await store.apply(.start, to: number, by: .unit("wuye"))
        try await store.apply(.resolve(note: "换了镇流器"), to: number, by: .unit("wuye"))
        #expect(try await engine.updates(for: resident.key, now: morning).joined().contains("1到5"))
        _ = try await resident.say("5")
        let rated = try #require(try await store.ticket(number))
        #expect(rated.state == .closed && rated.rating == 5)
    }

    @Test func anEmergencyTicketOpenedBeforeThePhoneTakesThePhoneAfterwards() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("我妈摔倒了起不来")
        let created = try await resident.say("6栋2单元402")
        let number = try #require(ticketNumber(in: created), "\(created)")
        #expect(created.contains("1小时") && created.contains("联系电话"), "\(created)")
        // Once refused as chit-chat: "这个我帮不上忙".
        let added = try await resident.say("我电话13622223333")
        #expect(added.contains("电话已经补充到工单号：\(number)"), "\(added)")
        let note = try #require(try await store.events(of: number).last)
        #expect(note.action == .note && note.visibility == .internal && note.reason == "居民补充联系电话：13622223333")
    }

    @Test func ticketNewsNamesTheUnitAndSaysWhatWasDone() async throws {
        let (engine, store) = try makeEngine()
        try await store.saveUnit(ServiceUnit(id: "dianti", name: "电梯维保", kind: .propertyManagement, categories: ["repair"]))
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("7栋1单元的电梯门关不上，电话13912340001")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        let dispatched = try await store.apply(.dispatch(unitID: "dianti"), to: number, by: .staff("wang"))
        let news = try await engine.update(about: dispatched, for: resident.key, now: morning).joined()
        #expect(news.contains("已派给电梯维保") && !news.contains("dianti"), "\(news)")
        try await store.apply(.accept, to: number, by: .unit("dianti"))
        try await store.apply(.start, to: number, by: .unit("dianti"))
        let resolved = try await store.apply(.resolve(note: "门机皮带换了"), to: number, by: .unit("dianti"))
        let done = try await engine.update(about: resolved, for: resident.key, now: morning).joined(separator: "\n")
        #expect(done.contains("处理情况：门机皮带换了"), "\(done)")
        // The rating question names the request by its first clause, not a cut-off phone number.
        #expect(done.contains("（7栋1单元的电梯门关不上）"), "\(done)")
        let status = try await resident.say("我的工单怎么样了")
        #expect(status.contains("处理情况：门机皮带换了"), "\(status)")
    }

    /// Found by a QA session: a public note (`minhu tickets note`) never reached the resident.
    @Test func aPublicNoteReachesTheResidentAndAnInternalOneDoesNot() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        _ = try await resident.say("7栋1单元的电梯门关不上，电话13912340001")
        let number = try #require(ticketNumber(in: try await resident.say("确认")))
        try await store.addNote("内部：这家上次投诉过物业", to: number, by: .staff("wang"), visibility: .internal)
        try await store.addNote("已电话联系，明早9点师傅上门", to: number, by: .staff("wang"), visibility: .public)
        let status = try await resident.say("查一下\(number)")
        #expect(status.contains("最新消息：已电话联系，明早9点师傅上门") && !status.contains("内部"), "\(status)")
        let ticket = try #require(try await store.ticket(number))
        let news = try await engine.update(about: ticket, for: resident.key, now: morning).joined()
        #expect(news.contains("最新消息：已电话联系"), "\(news)")
    }

    @Test func twoResidentsInOneGroupRoomKeepTheirOwnDialogues() async throws {
        let (engine, store) = try makeEngine()
        let alice = Resident(engine: engine, store: store, user: "alice", room: "group-1", channel: "irc")
        let bob = Resident(engine: engine, store: store, user: "bob", room: "group-1", channel: "irc")
        _ = try await alice.say("厨房水管漏水")
        let bobReply = try await bob.say("你好")
        #expect(!bobReply.contains("地址"))
        let aliceReply = try await alice.say("7栋1单元201")
        #expect(aliceReply.contains("电话"))
    }

    @Test func aRestartMidDialogueContinuesFromTheStore() async throws {
        let store = try SQLiteDispatchStore.inMemory()
        let before = Resident(engine: ConversationEngine(interpreter: sharedInterpreter, store: store), store: store)
        _ = try await before.say("家里厨房水管漏水了")
        let after = Resident(engine: ConversationEngine(interpreter: sharedInterpreter, store: store), store: store)
        let reply = try await after.say("5栋1单元302")
        #expect(reply.contains("电话"))
    }

    @Test func humanFlagsTheConversationAndGivesTheOfficeContact() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let reply = try await engine.handle(Turn(key: resident.key, text: "转人工", time: morning))
        #expect(reply.text.contains("027-"))
        #expect(try await store.conversation(reply.conversationID)?.isFlaggedForHuman == true)
    }

    /// Found by a QA session: "稍后会有人回复您" was promised, with no phone asked for and no way
    /// for staff to reply. Now a callback ticket puts the resident in the staff's queue.
    @Test func askingForAPersonOpensOneCallbackTicketThatTakesThePhone() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let handoff = try await resident.say("我要转人工")
        let number = try #require(ticketNumber(in: handoff), "\(handoff)")
        #expect(handoff.contains("联系电话") && handoff.contains("027-"), "\(handoff)")
        #expect(try await resident.say("13912345678").contains("电话已经补充到工单号：\(number)"))
        let again = try await resident.say("怎么还没人联系我，找个真人")
        #expect(again.contains("工单号：\(number)") && !again.contains("联系电话"), "\(again)")
        let tickets = try await store.tickets(matching: TicketFilter())
        #expect(tickets.map(\.category) == ["human"] && tickets.first?.dispatchDueAt != nil, "\(tickets)")
    }

    /// Found by a QA session: "打社区电话问" without the number.
    @Test func aStatusQuestionWithNoTicketHereGivesTheOfficesNumber() async throws {
        let (engine, store) = try makeEngine()
        let reply = try await Resident(engine: engine, store: store).say("查一下我的工单")
        #expect(reply.contains("027-8562-4173") && !reply.contains("{"), "\(reply)")
    }

    @Test func spamAndChitChatNeverOpenATicket() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        for line in ["E星体育，注册送彩金，日赚千元", "明天天气怎么样", "确认", "好的"] { _ = try await resident.say(line) }
        #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
    }

    @Test func aConfirmationWithNothingToConfirmIsSaidSoPlainly() async throws {
        let (engine, store) = try makeEngine()
        let reply = try await Resident(engine: engine, store: store).say("确认")
        #expect(reply.contains("没有需要您确认"))
        #expect(try await store.tickets(matching: TicketFilter()).isEmpty)
    }

    @Test func commandsAndEveryLineGoIntoTheTranscript() async throws {
        let (engine, store) = try makeEngine()
        let resident = Resident(engine: engine, store: store)
        let help = try await engine.handle(Turn(key: resident.key, text: "/help", time: morning))
        #expect(help.text.contains("/quit"))
        #expect(try await engine.handle(Turn(key: resident.key, text: "/whatever", time: morning)).text == help.text)
        let quit = try await engine.handle(Turn(key: resident.key, text: "/quit", time: morning))
        #expect(quit.endsConversation)
        let transcript = try await store.transcript(of: quit.conversationID)
        #expect(transcript.filter { $0.direction == .inbound }.map(\.text) == ["/help", "/whatever", "/quit"])
        #expect(transcript.filter { $0.direction == .outbound }.count == 3)
    }
}
