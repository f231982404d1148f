import Segmentation

/// Turns a segmented, normalized text into hashed sparse features: character 1–3-grams
/// (with start and end marks), words from the lexicon-aware segmenter, and pairs of pinyin
/// syllables (see `PinyinReadings`).
///
/// The syllable pairs are for typing by sound. With one homophone typo per SMP2017 test line
/// (`minhu intents eval --typos`) they took accuracy from 87.99% to 90.84%. On clean lines they
/// cost two lines of SMP2017 (92.95% → 92.65%), and cross-validation on `intents/` moved within
/// noise (93.38% → 93.54% with the lexicons of then, 94.18% → 94.03% with the broader ones that
/// followed). Single syllables as well were worse: too little meaning (SMP2017 91.30%).
///
/// Word pairs were dropped: the character trigrams already span most of them, and without
/// them cross-validation on `intents/` rose from 91.99% to 92.20% while SMP2017's
/// development accuracy stayed at 94.16%.
///
/// Features are 64-bit hashes, so no string is built per n-gram; collisions among the tens of
/// thousands of features a model sees are vanishingly rare at 64 bits.
struct TextFeatures {
    /// The longest character n-gram.
    static let longestCharacterGram = 3

    /// The hashes of the features present, sorted and without repeats (presence, not counts:
    /// NBSVM works on binarized features, and utterances are too short for counts to say much).
    ///
    /// An array sorted once rather than a `Set`: a set hashes every insertion again with
    /// SipHash, which was a third of classifying's time; these hashes need no more mixing.
    static func features(of segmented: SegmentedText, termGroups: HashTable = HashTable(),
                         pinyin: PinyinReadings = .standard) -> [UInt64] {
        var features: [UInt64] = []
        features.reserveCapacity(128)
        let boundary: UInt32 = 0x2
        var scalars: [UInt32] = [boundary]
        for scalar in segmented.normalized.text.unicodeScalars { scalars.append(scalar.value) }
        scalars.append(boundary)
        for length in 1...longestCharacterGram where scalars.count >= length {
            for start in 0...(scalars.count - length) {
                if length == 1, scalars[start] == boundary { continue }
                var hash = FNV.start(namespace: UInt64(length))
                for offset in 0..<length { hash = FNV.mix(hash, UInt64(scalars[start + offset])) }
                features.append(hash)
            }
        }
        appendSoundFeatures(of: scalars, pinyin: pinyin, to: &features)
        let bytes = segmented.normalized.utf8
        appendSpelledSoundFeatures(of: segmented.tokens, bytes: bytes, pinyin: pinyin, to: &features)
        for token in segmented.tokens where token.kind != .punctuation {
            let text = textHash(bytes[token.range])
            // Numbers are one feature whatever their digits: "3栋" and "5栋" should look alike.
            let hash = token.kind == .number ? FNV.start(namespace: 12) : text
            features.append(FNV.mix(FNV.start(namespace: 10), hash))
            // A word an intent file lists in its lexicon hints at that intent even when no
            // example uses it.
            if let group = termGroups[text] {
                features.append(FNV.mix(FNV.start(namespace: 22), UInt64(group)))
            }
        }
        // The shape of the message: greetings and thanks are short, requests long; an
        // 11-digit number is a phone, a 6-digit one a ticket. (Worth +0.8 points on SMP2017's
        // development split and +1.2 in cross-validation on intents/.)
        features.append(FNV.mix(FNV.start(namespace: 20), UInt64(bucket(scalars.count - 2))))
        for token in segmented.tokens where token.kind == .number {
            features.append(FNV.mix(FNV.start(namespace: 21), UInt64(token.range.count)))
        }
        features.sort()
        var unique = 0
        for index in features.indices where index == 0 || features[index] != features[index - 1] {
            features[unique] = features[index]
            unique += 1
        }
        features.removeLast(features.count - unique)
        return features
    }

    /// Pairs of consecutive syllables of Han characters, so that 网各员 and 网格园 share
    /// "wang ge" and "ge yuan" with 网格员. A character without a reading ends the sequence.
    private static func appendSoundFeatures(of scalars: [UInt32], pinyin: PinyinReadings, to features: inout [UInt64]) {
        var previous: Int32?
        for scalar in scalars {
            let syllable = pinyin.syllable(of: scalar)
            if let previous, let syllable {
                features.append(soundPair(previous, syllable))
            }
            previous = syllable
        }
    }

    /// The same pairs for pinyin typed in letters, so that "cui dan" and "rengong" share them
    /// with 催单 and 人工: residents without a Chinese input method type the sounds. Words
    /// next to each other continue the sequence; one that is not pinyin ends it.
    private static func appendSpelledSoundFeatures(of tokens: [Token], bytes: [UInt8], pinyin: PinyinReadings,
                                                   to features: inout [UInt64]) {
        var previous: Int32?
        for token in tokens {
            guard token.kind == .latin, let syllables = pinyin.syllables(spelled: bytes[token.range]) else {
                previous = nil
                continue
            }
            for syllable in syllables {
                if let previous {
                    features.append(soundPair(previous, syllable))
                }
                previous = syllable
            }
        }
    }

    @inline(__always)
    private static func soundPair(_ first: Int32, _ second: Int32) -> UInt64 {
        FNV.mix(FNV.mix(FNV.start(namespace: 31), UInt64(first)), UInt64(second))
    }

    private static func bucket(_ length: Int) -> Int {
        switch length {
        case ...2: return length
        case 3...4: return 3
        case 5...8: return 5
        case 9...16: return 9
        case 17...32: return 17
        default: return 33
        }
    }

    /// The hash of a word's text: a lexicon term is looked up by it, so that no String is
    /// hashed per token when classifying.
    static func textHash(_ text: String) -> UInt64 {
        textHash(text.utf8)
    }

    /// The hash of a word's UTF-8 bytes (the same as of its String).
    static func textHash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = FNV.start(namespace: 13)
        for byte in bytes { hash = FNV.mix(hash, UInt64(byte)) }
        return hash
    }
}

/// The features' hash: FNV-1a's shape (xor a value in, multiply), fed whole values rather
/// than bytes, with a 64-bit odd multiplier and a shift so that each step mixes all 64 bits.
///
/// One multiply per value instead of FNV's eight (one per byte): hashing the n-grams was a
/// tenth of classifying's time. For a given hash, each step is a bijection of the value
/// (xor, then multiplication by an odd number, then an xor-shift), so two n-grams that
/// differ only in their last character never collide; others do with odds of about 2⁻⁶⁴.
enum FNV {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    static func start(namespace: UInt64) -> UInt64 { mix(offsetBasis, namespace) }

    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        let mixed = (hash ^ value) &* multiplier
        return mixed ^ (mixed >> 31)
    }
}
