import GRDB
import StoreCore

/// A model's predictions for every row of the data it was trained on,
/// ready for the `predictions` table.
struct Predictions {
    /// Class probabilities (classification), one row per data row.
    let probabilities: Matrix?
    /// Predicted class indices (classification) or nil.
    let classIndices: [Int]?
    /// Predicted numbers (regression) or nil.
    let values: [Double]?
    let classes: TargetClasses?

    init(model: TrainedModel, features: Matrix, classes: TargetClasses?) {
        self.classes = classes
        if let probabilities = model.probabilities(features) {
            self.probabilities = probabilities
            classIndices = probabilities.largestInEachRow
            values = nil
        } else {
            probabilities = nil
            classIndices = nil
            values = model.values(features)
        }
    }

    /// Inserts one row per data row: key, split, actual, predicted, score
    /// (probability of the predicted class; of the positive class for two
    /// classes) and the probabilities as a JSON object keyed by class value.
    func write(modelID: Int64, data: TrainingData, in db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO predictions (model_id, row_key, split, fold, actual, predicted, score, probabilities)
            VALUES (?, ?, ?, NULL, ?, ?, ?, ?)
            """)
        let labels = classes?.values.map(Self.label) ?? []
        for row in data.keys.indices {
            let actual = Self.databaseValue(data.targets[row])
            var predicted: DatabaseValue = .null
            var score: DatabaseValue = .null
            var probabilityJSON: DatabaseValue = .null
            if let probabilities, let classIndices, let classes {
                let chosen = classIndices[row]
                predicted = Self.databaseValue(classes.values[chosen])
                score = (probabilities.columns == 2 ? probabilities[row, 1] : probabilities[row, chosen]).databaseValue
                var object: [String: Double] = [:]
                for (column, label) in labels.enumerated() { object[label] = probabilities[row, column] }
                probabilityJSON = try JSON.text(object).databaseValue
            } else if let values {
                predicted = values[row].databaseValue
            }
            try statement.execute(arguments: [modelID, data.keys[row], data.splits[row].rawValue, actual, predicted, score, probabilityJSON])
        }
    }

    static func databaseValue(_ value: TrainingData.Value) -> DatabaseValue {
        switch value {
        case .number(let number): number == number.rounded() && abs(number) < 9e15 ? Int64(number).databaseValue : number.databaseValue
        case .text(let text): text.databaseValue
        case .missing: .null
        }
    }

    /// A class value as a JSON key: text as is, numbers as SQLite prints them.
    static func label(_ value: TrainingData.Value) -> String {
        switch value {
        case .number(let number): TrainingData.text(number)
        case .text(let text): text
        case .missing: ""
        }
    }
}
