import GRDB
import StoreCore

/// A model's predictions of rows of the data it was trained on, ready for
/// the `predictions` table: every row of the view, or the training rows
/// predicted out of fold by a cross-validation.
struct Predictions {
    /// Class probabilities (classification), one row per row predicted.
    let probabilities: Matrix?
    /// Predicted class indices (classification) or nil.
    let classIndices: [Int]?
    /// Predicted numbers (regression) or nil.
    let values: [Double]?
    let classes: TargetClasses?

    init(model: TrainedModel, features: Matrix, classes: TargetClasses?) {
        let probabilities = model.probabilities(features)
        self.init(probabilities: probabilities, values: probabilities == nil ? model.values(features) : nil, classes: classes)
    }

    init(probabilities: Matrix?, values: [Double]?, classes: TargetClasses?) {
        self.probabilities = probabilities
        classIndices = probabilities?.largestInEachRow
        self.values = values
        self.classes = classes
    }

    /// Inserts one row per data row: key, split, actual, predicted, score
    /// (probability of the predicted class; of the positive class for two
    /// classes) and the probabilities as a JSON object keyed by class value.
    /// `rows` are the data rows predicted, in order (all rows when nil);
    /// `folds` their 0-based cross-validation folds, written as split 'cv'
    /// and fold 1…K.
    func write(modelID: Int64, data: TrainingData, rows: [Int]? = nil, folds: [Int]? = nil, in db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO predictions (model_id, row_key, split, fold, actual, predicted, score, probabilities)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let labels = classes?.values.map(Self.label) ?? []
        let dataRows = rows ?? Array(data.keys.indices)
        for (row, dataRow) in dataRows.enumerated() {
            let actual = Self.databaseValue(data.targets[dataRow])
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
            let split = folds == nil ? data.splits[dataRow].rawValue : "cv"
            let fold = folds.map { $0[row] + 1 }
            try statement.execute(arguments: [modelID, data.keys[dataRow], split, fold, actual, predicted, score, probabilityJSON])
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
