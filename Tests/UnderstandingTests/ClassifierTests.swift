import Foundation
import Segmentation
import Testing
@testable import Understanding

@Suite struct ClassifierTests {
    @Test(arguments: [
        ("3栋2单元楼道灯坏了，晚上黑漆漆的", "repair"),
        ("家里马桶堵了，水漫出来了", "repair"),
        ("我妈血压一直降不下来，能不能请医生上门看看", "health"),
        ("开无犯罪记录证明要带什么", "certificate"),
        ("楼下烧烤店每天半夜还在吵", "complaint"),
        ("我上周报修的水管，工单MH-000012，怎么还没人来", "status"),
        ("你好，在吗", "greeting"),
        ("好的，谢谢你们", "thanks"),
        ("我要找网格员，转人工", "human"),
        ("明天会下雨吗", "out_of_scope"),
        ("加微信领红包，日赚三千", "out_of_scope"),
    ])
    func classifiesTypicalUtterances(text: String, intent: String) {
        let prediction = interpreter.classifier.classify(text)
        #expect(prediction.intent == intent, "\(text): \(prediction.ranked.prefix(3))")
    }

    @Test func confidencesAreADistributionAndTheTopThreeAreOrdered() {
        let prediction = interpreter.classifier.classify("电梯坏了")
        #expect(abs(prediction.ranked.reduce(0) { $0 + $1.confidence } - 1) < 1e-9)
        #expect(prediction.topThree.count == 3)
        #expect(prediction.topThree.map(\.confidence) == prediction.topThree.map(\.confidence).sorted(by: >))
        #expect(prediction.topThree.first == prediction.best)
    }

    @Test func gibberishIsLowConfidenceRatherThanAForcedGuess() {
        for text in ["啊", "xq zv", "。。。", "🙂"] {
            let prediction = interpreter.classifier.classify(text)
            let isTicketGuess = ["repair", "complaint", "certificate", "status"].contains(prediction.intent)
            #expect(!(prediction.isConfident && isTicketGuess), "\(text): \(prediction.best)")
        }
    }

    @Test func traditionalAndFullWidthVariantsOfEveryExampleClassifyTheSame() throws {
        var differing: [String] = []
        for example in interpreter.catalog.labelledExamples {
            let traditional = try ICUTransform.apply("Simplified-Traditional", to: example.text)
            let fullWidth = try ICUTransform.apply("Halfwidth-Fullwidth", to: example.text)
            let original = interpreter.classifier.classify(example.text).intent
            for variant in [traditional, fullWidth] where interpreter.classifier.classify(variant).intent != original {
                differing.append(variant)
            }
        }
        #expect(differing == [])
    }

    /// `intents check --repeats`: a shuffled order still holds every example out exactly once,
    /// and each fold keeps every label (a fold without a label would misjudge it).
    @Test func shuffledCrossValidationHoldsEveryExampleOutOnceWithEveryLabelInEveryFold() throws {
        let examples = (0..<12).flatMap { index in
            [LabelledText(label: "repair", text: "\(index)号楼水管漏水"), LabelledText(label: "thanks", text: "谢谢你\(index)")]
        }
        let segmenter = try Segmenter()
        let plain = try CrossValidation(examples, folds: 3, segmenter: segmenter)
        let shuffled = try CrossValidation(examples, folds: 3, segmenter: segmenter, shuffle: 7)
        let held = shuffled.results.map(\.example.text)
        #expect(held.sorted() == examples.map(\.text).sorted())
        #expect(held != plain.results.map(\.example.text))
        for fold in 0..<3 {
            let labels = Set(shuffled.results[(fold * 8)..<(fold * 8 + 8)].map(\.example.label))
            #expect(labels == ["repair", "thanks"], "fold \(fold): \(labels)")
        }
    }

    @Test func trainingOnATSVNeedsTwoLabels() throws {
        let segmenter = try Segmenter()
        #expect(throws: UnderstandingError.self) {
            try IntentClassifier.train(on: [LabelledText(label: "a", text: "x")], segmenter: segmenter)
        }
        let classifier = try IntentClassifier.train(on: [
            LabelledText(label: "weather", text: "明天下雨吗"), LabelledText(label: "weather", text: "今天天气怎么样"),
            LabelledText(label: "music", text: "放一首歌"), LabelledText(label: "music", text: "我想听周杰伦的歌"),
        ], segmenter: segmenter)
        #expect(classifier.classify("后天天气好吗").intent == "weather")
        #expect(classifier.classify("来首歌听听").intent == "music")
    }

    @Test func readsLabelledTSVAndRejectsLinesWithoutATab() throws {
        #expect(try LabelledText.parseTSV("weather\t明天下雨吗\n\n# note\nmusic\t放首歌\n", path: "train.tsv") == [
            LabelledText(label: "weather", text: "明天下雨吗"), LabelledText(label: "music", text: "放首歌")])
        let error = #expect(throws: UnderstandingError.self) {
            try LabelledText.parseTSV("weather\t明天下雨吗\nweather 明天下雨吗\n", path: "train.tsv")
        }
        #expect(error?.description == "train.tsv:2: expected label<TAB>text")
    }

    @Test func theReportComputesAccuracyAndPerLabelScores() {
        let report = ClassificationReport([("a", "a", "1"), ("a", "b", "2"), ("b", "b", "3"), ("b", "b", "4")])
        #expect(report.accuracy == 0.75)
        #expect(report.scores(of: "a").recall == 0.5)
        #expect(report.scores(of: "b").precision == 2.0 / 3)
        #expect(report.mistakes.map(\.text) == ["2"])
    }
}
