/**
 * The 3D performance-budget capability: {@link dev.devskyy.budget.BudgetCheck} validates a
 * Collection3DExperienceSpec and compares the glTF assets, textures and bundle it names with their
 * budgets; {@link dev.devskyy.budget.BudgetTools} declares {@code budget_verify}. A capability: it
 * imports {@code io} and {@link dev.devskyy.runtime.Json} anywhere, the rest of the runtime only in
 * {@code BudgetTools}, and no face nor other capability.
 */
package dev.devskyy.budget;
