import Foundation
import Segmentation
@testable import Understanding

/// The project's own `intents/` folder.
let intentsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("intents")

/// The interpreter trained on `intents/`, shared by the tests (training takes a fraction of a second).
let interpreter = try! Interpreter(directory: intentsDirectory)

/// Friday 27 November 2026, 10:00 in Wuhan.
let fridayMorning: Date = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    return calendar.date(from: DateComponents(year: 2026, month: 11, day: 27, hour: 10))!
}()

func slots(_ text: String) -> ExtractedSlots {
    interpreter.extractor.extract(from: NormalizedText(text), now: fridayMorning)
}

/// A valid 18-digit resident ID from 17 digits, with the GB 11643 check character.
func residentID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}
