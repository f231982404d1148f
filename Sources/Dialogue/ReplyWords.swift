import Segmentation

/// Short answers residents give: yes, no, cancel, skip. Matched on normalized text, whole or
/// at the start, so "好的，提交吧" is a yes and "不对，是6栋" a no.
///
/// Made once per turn: normalizing the line is the costly part, and a turn asks several times.
struct ReplyWords {
    static let yes = ["确认", "对", "对的", "是的", "是", "好", "好的", "可以", "没问题", "提交", "ok", "okay", "yes",
                      "嗯", "嗯嗯", "行", "中", "要得", "冇得问题", "登记", "要", "需要", "麻烦了", "确定"]
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

    var isYes: Bool { matches(Self.yes) && !isNo && !isCancel }
    var isNo: Bool { matches(Self.no) }
    var isCancel: Bool { matches(Self.cancel) }
    var isSkip: Bool { core.count <= 6 && matches(Self.skip) }

    private func matches(_ words: [String]) -> Bool {
        guard !core.isEmpty else { return false }
        // Short replies: the whole reply is the word, or starts with it.
        let isShort = core.count <= 12
        return words.contains { core == $0 || (isShort && core.hasPrefix($0)) }
    }
}
