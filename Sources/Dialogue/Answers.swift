import Understanding

/// The bot's fixed answers, from `intents/` where the files have them, with plain fallbacks.
struct Answers: Sendable {
    let catalog: IntentCatalog

    func answer(_ intent: String, _ key: String) -> String? {
        catalog[intent]?.answers[key]
    }

    var welcome: String {
        answer("greeting", "welcome")
            ?? "您好！我是社区的民呼小助手。我可以帮您报修、健康咨询、问开证明的事、投诉、查工单进度，也可以帮您转人工。"
    }

    var help: String {
        welcome + "\n直接用一句话说您的事就行，比如“3栋2单元楼道灯坏了”。输入 /cancel 取消正在登记的事，/quit 结束对话。"
    }

    var goodbye: String {
        answer("thanks", "goodbye") ?? "不客气，有事随时找我，再见！"
    }

    /// For /quit: the resident may not have thanked anyone, so no 不客气.
    static let leaving = "好的，再见！有事随时再来找我。"

    var redirect: String {
        answer("out_of_scope", "redirect") ?? "不好意思，这个我帮不上忙。我可以帮您报修、健康咨询、问开证明的事、投诉、查进度，或者转人工。"
    }

    /// How to reach the office directly, from `human.yaml`'s `office`.
    var officeContact: String {
        Templates.fill(answer("human", "office_contact") ?? "着急的话也可以直接打社区电话：{office_phone}。", office)
    }

    /// The office's name, phone, hours and address (`human.yaml`), for any answer that names them.
    var office: [String: String] {
        let office = catalog["human"]?.office
        return ["office_name": office?.name ?? "社区居委会", "office_phone": office?.phone ?? "",
                "office_hours": office?.hours ?? "工作日", "office_address": office?.address ?? "社区服务中心"]
    }

    /// Said when the store could not take a write: nothing was promised.
    static let storeUnavailable = "不好意思，系统暂时出了点问题，您的信息还没有登记上。请稍后再发一次，或者直接打社区电话。"

    /// The Chinese name of an intent, for clarifying questions.
    func name(of intent: String) -> String {
        switch intent {
        case "out_of_scope": return "别的事情"
        default: return catalog[intent]?.name ?? intent
        }
    }
}
