"""The methods compared: eventplan, a per-person CP-SAT model, a greedy planner, the LP bound
and Timefold. Each module has ``run(problem, time_limit, seed) -> dict``."""
