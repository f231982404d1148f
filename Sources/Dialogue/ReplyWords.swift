import Segmentation

/// Short answers residents give: yes, no, cancel, skip. Matched on normalized text, whole or
/// at the start, so "好的，提交吧" is a yes and "不对，是6栋" a no.
enum ReplyWords {
    static let yes = ["确认", "对", "对的", "是的", "是", "好", "好的", "可以", "没问题", "提交", "ok", "okay", "yes",
                      "嗯", "嗯嗯", "行", "中", "要得", "冇得问题", "登记", "要", "需要", "麻烦了", "确定"]
    static let no = ["不对", "不是", "错了", "不行", "no", "改一下", "要改", "有错"]
    static let cancel = ["算了", "不用了", "取消", "不要了", "不报了", "不投诉了", "cancel", "先不用", "不需要了", "撤销"]
    static let skip = ["跳过", "不用", "不留", "没有", "无", "不需要", "都行", "随时", "不方便说", "不知道", "skip"]

    /// The normalized text without spaces or punctuation (好的！ → 好的).
    static func core(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in NormalizedText(text).text.unicodeScalars where !isDecoration(scalar) { scalars.append(scalar) }
        return String(scalars)
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

    static func isYes(_ text: String) -> Bool { matches(text, yes) && !isNo(text) && !isCancel(text) }
    static func isNo(_ text: String) -> Bool { matches(text, no) }
    static func isCancel(_ text: String) -> Bool { matches(text, cancel) }
    static func isSkip(_ text: String) -> Bool { core(text).count <= 6 && matches(text, skip) }

    private static func matches(_ text: String, _ words: [String]) -> Bool {
        let core = core(text)
        guard !core.isEmpty else { return false }
        // Short replies: the whole reply is the word, or starts with it.
        return words.contains { core == $0 || (core.count <= 12 && core.hasPrefix($0)) }
    }
}
