import Testing
@testable import Dialogue

/// The byte-wise word search and removal that replaced Foundation's on the turn path.
@Suite struct WordSearchTests {
    @Test func includesFindsAWordAnywhereAndOnlyWhole() {
        #expect("楼道灯还是不亮".includes("还是不"))
        #expect("还是不亮".includes("还是不"))
        #expect("灯还是不".includes("还是不"))
        #expect(!"还是没".includes("还是不"))
        #expect(!"还是".includes("还是不"))
        #expect("电话186".includes(""))
        // 亮 (E4 BA AE) and 人 (E4 BA BA) share their first two bytes.
        #expect(!"亮".includes("人"))
        #expect("不亮了".dropFirst().includes("亮了"))
    }

    @Test func remainderTakesWordsOutInTheOrderGiven() {
        // 报个修 goes whole before 个 is taken out of it.
        #expect(ReplyWords.remainder(of: "我要报个修", without: ["报个修", "个", "我要"]) == "")
        #expect(ReplyWords.remainder(of: "我要报个修", without: ["个", "报个修", "我要"]) == "报修")
        #expect(ReplyWords.remainder(of: "灯坏了灯坏了", without: ["灯"]) == "坏了坏了")
        #expect(ReplyWords.remainder(of: "电梯坏了", without: ["报修"]) == "电梯坏了")
    }

    @Test func aBareOpenerNamesOnlyTheKindAndAProblemDoesNot() {
        #expect(ReplyWords("我要报修").namesOnlyTheKind)
        #expect(ReplyWords("你好，我想报个修").namesOnlyTheKind)
        #expect(!ReplyWords("我要报修，厨房水管漏水").namesOnlyTheKind)
    }
}
