import Segmentation

/// Short answers residents give: yes, no, cancel, skip, and the asides of a form (wait, a
/// correction, no phone). Matched on normalized text, whole or at the start, so "好的，提交吧"
/// is a yes and "不对，是6栋" a no.
///
/// Made once per turn: normalizing the line is the costly part, and a turn asks several times.
struct ReplyWords {
    static let yes = ["确认", "对", "对的", "是的", "是", "好", "好的", "可以", "没问题", "提交", "ok", "okay", "yes",
                      "嗯", "嗯嗯", "行", "中", "要得", "冇得问题", "登记", "要", "需要", "麻烦了", "确定", "confirm",
                      "confirmed", "correct", "sure"]
    static let no = ["不对", "不是", "错了", "不行", "no", "改一下", "要改", "有错"]
    static let cancel = ["算了", "不用了", "取消", "不要了", "不报了", "不投诉了", "cancel", "先不用", "不需要了", "撤销"]
    static let skip = ["跳过", "不用", "不留", "没有", "无", "不需要", "都行", "随时", "不方便说", "不知道", "skip"]

    /// The normalized reply without spaces or punctuation (好的！ → 好的).
    let core: String

    init(_ text: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in NormalizedText(text).text.unicodeScalars where !Self.isDecoration(scalar) { scalars.append(scalar) }
        core = String(scalars)
    }

    private static func isDecoration(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace || scalar == "~" { return true }
        switch scalar.properties.generalCategory {
        case .otherPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// "等一下，我找一下电话": the resident goes to find the answer.
    var isWait: Bool { core.count <= 10 && Self.wait.contains(where: core.hasPrefix) }
    /// "不是楼道灯，是电梯坏了": what the bot read back was wrong.
    var isCorrection: Bool { core.count >= 6 && Self.correction.contains(where: core.includes) }
    /// "不用留电话", "座机也没有": no phone number to give.
    var declinesPhone: Bool {
        core.count <= 12 && Self.phone.contains(where: core.includes) && Self.phoneDecline.contains(where: core.includes)
    }

    /// Whether the line says no more than the kind of request: 我要报修, 投诉, 我想咨询一下.
    var namesOnlyTheKind: Bool {
        // Openers say little, so such a line is short; a long one is never taken apart.
        core.utf8.count <= 60 && Self.remainder(of: core, without: Self.opener).count < 2
    }

    /// What is left of `text` once each of `words` is taken out wherever it occurs, one word
    /// after another in the order given.
    ///
    /// Compares UTF-8 bytes in place: Foundation's `replacingOccurrences`, called once per
    /// word, was a quarter of the server's CPU time per message.
    static func remainder(of text: String, without words: [String]) -> String {
        var bytes = Array(text.utf8)
        for word in words where !word.isEmpty {
            var read = 0, write = 0
            while read < bytes.count {
                if bytes.holds(word.utf8, at: read) {
                    read += word.utf8.count
                    continue
                }
                bytes[write] = bytes[read]
                write += 1
                read += 1
            }
            bytes.removeLast(bytes.count - write)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let wait = ["等一下", "等等", "稍等", "等会", "等一会", "我找一下", "我找找", "我看一下", "我查一下", "我问一下"]
    static let correction = ["不是", "不对", "搞错", "弄错", "说错", "错了"]
    static let phone = ["电话", "手机", "号码", "联系方式"]
    /// Ways of saying no to leaving a number; a bare 不 would also catch "电话不对".
    static let phoneDecline = ["不留", "不用留", "不想留", "不方便", "不给", "不想给", "不用给", "就不", "没有电话", "没电话",
                               "没有手机", "没手机", "没得手机", "冇得手机", "冇手机", "没得电话", "冇得电话", "别打", "不要打",
                               "不要电话", "不用电话", "不要留"]
    /// Longest first, so that 报个修 goes before the 个 in it.
    static let opener = ["健康咨询", "有东西坏了", "东西坏了", "报一下修", "报个修", "我想要", "麻烦你", "麻烦您", "你好", "您好",
                         "请问", "我要", "我想", "想要", "报修", "维修", "修理", "投诉", "举报", "反映", "反应", "咨询", "一下",
                         "一个", "问题", "情况", "帮我", "事情", "件事", "麻烦", "个", "有", "要", "想", "我", "吗", "呢", "啊",
                         "的", "了", "下"]

    var isYes: Bool { matches(Self.yes) && !isNo && !isCancel }
    var isNo: Bool { matches(Self.no) }
    var isCancel: Bool { matches(Self.cancel) }
    var isSkip: Bool { core.count <= 6 && matches(Self.skip) }
    /// The whole reply is one of the words that answer a question (确认, 对, 跳过, 取消…): never
    /// a value such as a place, whatever was asked (QA: 地点：确认).
    var isOnlyAnAnswerWord: Bool { Self.answerWords.contains(core) }
    /// No one need come to the door (不需要上门，电话联系就行).
    var declinesVisit: Bool { Self.noVisit.contains(where: core.includes) }
    static let noVisit = ["不用上门", "不需要上门", "不要上门", "不必上门", "不用来家里", "不用过来", "电话联系就行",
                          "电话联系就可以", "打电话就行", "打个电话就行", "电话里说就行", "no need to come", "just call"]
    private static let answerWords = Set(yes + no + cancel + skip)

    private func matches(_ words: [String]) -> Bool {
        guard !core.isEmpty else { return false }
        // Short replies: the whole reply is the word, or starts with it.
        let isShort = core.count <= 12
        return words.contains { core == $0 || (isShort && core.hasPrefix($0)) }
    }
}
